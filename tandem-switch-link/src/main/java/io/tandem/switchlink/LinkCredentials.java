package io.tandem.switchlink;

import java.util.Objects;

/**
 * The application user a link is opened as (CUCM application user with CTI rights).
 *
 * @param applicationUser the user ID
 * @param password the password
 */
public record LinkCredentials(String applicationUser, String password) {

    /** Checks the fields are present. */
    public LinkCredentials {
        Objects.requireNonNull(applicationUser, "applicationUser");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "LinkCredentials[" + applicationUser + "]";
    }
}
