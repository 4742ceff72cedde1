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
    private final SendObserver metrics;
    private final MessageEncoder encoder = new MessageEncoder();
    private final EventTimeText timeText = new EventTimeText();
    private long sequence;

    /** A sender whose {@code time} comes from {@code clock}, counting into {@code metrics}. */
    public EventSender(Clock clock, SendObserver metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Sends {@code event} to one client. */
    public void send(ClientSession to, Message event) {
        if (event.referenceId().isEmpty() && !to.wants(event.type())) {
            return;
        }
        if (to.state() != SessionState.CLOSED) {
            to.channel().send(encoder.encode(stamp(event)));
            to.countSent();
            metrics.sent(event.type(), 1);
            event.referenceId().ifPresent(reference -> metrics.answered(to.id(), reference,
                    event.type() == io.tandem.protocol.MessageType.EVENT_ERROR));
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
        int copies = 0;
        for (ClientSession receiver : receivers) {
            boolean answer = receiver == requester && referenceId != null;
            if (receiver.state() == SessionState.CLOSED || !answer && !receiver.wants(event.type())) {
                continue;
            }
            copies++;
            receiver.countSent();
            if (answer) {
                receiver.channel().send(encoder.encode(withReference(stamped, referenceId)));
                metrics.answered(receiver.id(), referenceId, false);
            } else {
                if (shared == null) {
                    shared = encoder.encode(stamped);
                }
                receiver.channel().send(shared);
            }
        }
        metrics.sent(event.type(), copies);
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
                .put(Attribute.TIME, timeText.format(clock.instant()))
                .build();
    }
}
