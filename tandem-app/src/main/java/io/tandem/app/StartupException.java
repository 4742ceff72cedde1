package io.tandem.app;

/** Start-up failed for a reason the operator can fix (a port in use, a bad address). */
final class StartupException extends RuntimeException {

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
