package io.tandem.server.core;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.Message;
import io.tandem.protocol.codec.MessageEncoder;
import java.time.Clock;
import java.util.Collection;

/**
 * Stamps events ({@code EventSequenceNumber}, monotonic per server, and {@code time}) and sends them. A
 * message is encoded once for all receivers that get the same copy. Used on the core thread only.
 */
public final class EventSender {

    private final Clock clock;
    private final MessageEncoder encoder = new MessageEncoder();
    private long sequence;

    /** A sender whose {@code time} comes from {@code clock}. */
    public EventSender(Clock clock) {
        this.clock = clock;
    }

    /** Sends {@code event} to one client. */
    public void send(ClientSession to, Message event) {
        if (to.state() != SessionState.CLOSED) {
            to.channel().send(encoder.encode(stamp(event)));
        }
    }

    /**
     * Sends {@code event} to every session in {@code receivers}; the {@code requester}'s copy carries
     * {@code referenceId} (when not null) and the others carry none.
     */
    public void distribute(Collection<ClientSession> receivers, Message event, ClientSession requester, Long referenceId) {
        if (receivers.isEmpty()) {
            return;
        }
        Message stamped = stamp(event.without(Attribute.REFERENCE_ID));
        byte[] shared = null;
        for (ClientSession receiver : receivers) {
            if (receiver.state() == SessionState.CLOSED) {
                continue;
            }
            if (receiver == requester && referenceId != null) {
                receiver.channel().send(encoder.encode(withReference(stamped, referenceId)));
            } else {
                if (shared == null) {
                    shared = encoder.encode(stamped);
                }
                receiver.channel().send(shared);
            }
        }
    }

    /** The same event with ReferenceID as its first attribute, as in a direct answer. */
    private static Message withReference(Message event, long referenceId) {
        Message.Builder builder = Message.builder(event.type()).put(Attribute.REFERENCE_ID, referenceId);
        event.attributes().forEach(builder::putRaw);
        return builder.build();
    }

    private Message stamp(Message event) {
        return event.toBuilder()
                .put(Attribute.EVENT_SEQUENCE_NUMBER, ++sequence)
                .put(Attribute.TIME, clock.instant().toString())
                .build();
    }
}
