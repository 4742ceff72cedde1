package io.tandem.ucm.em;

/** An Extension Mobility request failed with {@link #error()}; the message says exactly why. */
public final class EmException extends RuntimeException {

    private final EmError error;

    /** A failure of kind {@code error}. */
    public EmException(EmError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    /** The EM error. */
    public EmError error() {
        return error;
    }
}
