package io.tandem.server.ha;

/** The peer broke the synchronization protocol; the link is dropped and, on the backup, opened again. */
public final class SyncProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A violation described by {@code message}. */
    public SyncProtocolException(String message) {
        super(message);
    }
}
