package io.tandem.common.http;

/**
 * Who may call a route. Every route has one; a route added without one is protected by its method
 * ({@link #forMethod}): nothing is public unless it says so.
 */
public enum Access {
    /** Anyone, without credentials (health, the login, the console's static files, the EM API). */
    PUBLIC,
    /** Any authenticated user, read-only ones included. */
    VIEWER,
    /** An authenticated user with the admin role. */
    ADMIN;

    /** The default of a route that does not declare its access: reads need a user, changes need an admin. */
    public static Access forMethod(String method) {
        return method.equals("GET") || method.equals("HEAD") ? VIEWER : ADMIN;
    }
}
