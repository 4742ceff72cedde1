package io.tandem.server.core;

import io.tandem.protocol.MessageType;

/** Hears what {@link EventSender} sends (the metrics). Core thread. */
public interface SendObserver {

    /** Hears nothing. */
    SendObserver NONE = new SendObserver() {
        @Override
        public void sent(MessageType type, int copies) {
        }

        @Override
        public void answered(long session, long referenceId, boolean error) {
        }
    };

    /** {@code copies} copies of an event of {@code type} went out. */
    void sent(MessageType type, int copies);

    /** The first event carrying {@code referenceId} went to client {@code session}. */
    void answered(long session, long referenceId, boolean error);
}
