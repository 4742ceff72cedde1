package io.tandem.common.http;

/** Thrown by a route to answer with an HTTP error status and a JSON {@code {"error": message}} body. */
public final class HttpProblem extends RuntimeException {

    private final int status;

    /** A problem answered with {@code status}. */
    public HttpProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
