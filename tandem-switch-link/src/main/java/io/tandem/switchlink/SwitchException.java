package io.tandem.switchlink;

/** A switch request failed; {@link #error()} says why and the message says what exactly was refused. */
public class SwitchException extends RuntimeException {

    private final SwitchError error;

    /** A failure of kind {@code error}. */
    public SwitchException(SwitchError error, String message) {
        super(message);
        this.error = error;
    }

    /**
     * The switch failure inside a future's failure (unwrapping {@link java.util.concurrent.CompletionException}),
     * or an {@link SwitchError#INTERNAL} one describing anything else.
     */
    public static SwitchException unwrap(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof SwitchException se ? se : new SwitchException(SwitchError.INTERNAL, String.valueOf(cause));
    }

    /** The kind of failure. */
    public SwitchError error() {
        return error;
    }
}
