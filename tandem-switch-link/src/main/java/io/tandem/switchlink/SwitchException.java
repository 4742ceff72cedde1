package io.tandem.switchlink;

/** A switch request failed; {@link #error()} says why and the message says what exactly was refused. */
public class SwitchException extends RuntimeException {

    private final SwitchError error;

    /** A failure of kind {@code error}. */
    public SwitchException(SwitchError error, String message) {
        super(message);
        this.error = error;
    }

    /** The kind of failure. */
    public SwitchError error() {
        return error;
    }
}
