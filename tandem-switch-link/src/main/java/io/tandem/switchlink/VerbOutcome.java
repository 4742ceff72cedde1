package io.tandem.switchlink;

/**
 * How one item of a request carrying several ({@link SwitchLink#setActiveRemoteDestinations}) ended: done, or refused for
 * the reason a request of its own would have been.
 *
 * @param error null when done, else the kind of failure
 * @param message null when done, else what exactly was refused
 */
public record VerbOutcome(SwitchError error, String message) {

    /** Done. */
    public static final VerbOutcome DONE = new VerbOutcome(null, null);

    /** The outcome of a refusal. */
    public static VerbOutcome of(SwitchException failure) {
        return new VerbOutcome(failure.error(), failure.getMessage());
    }

    /** Whether the item was done. */
    public boolean done() {
        return error == null;
    }

    /** The refusal as an exception, or null when done. */
    public SwitchException failure() {
        return error == null ? null : new SwitchException(error, message);
    }
}
