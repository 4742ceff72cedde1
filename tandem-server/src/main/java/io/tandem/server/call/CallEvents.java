package io.tandem.server.call;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.switchlink.CallEventType;
import io.tandem.switchlink.SwitchEvent;
import java.util.Collection;
import java.util.List;

/**
 * Turns switch call events into T-Library call events for the clients registered on the DN, keeping the
 * call records (ConnID, parties, UserData) current. Core thread only.
 */
public final class CallEvents {

    /** CallState: the DN left after transferring the call. */
    static final int CALL_STATE_TRANSFERRED = 1;
    /** T-Library CallStateRedirected. */
    static final int CALL_STATE_REDIRECTED = 22;
    static final int CALL_STATE_FORWARDED = 23;
    /** CallState: the DN left the consultation call because it became a conference. */
    static final int CALL_STATE_CONFERENCED = 2;
    /** CallState: the destination was busy. */
    static final int CALL_STATE_BUSY = 6;

    private final CallRegistry calls;
    private final PendingCallRequests pending;
    private final EventSender sender;
    private final Registrations registrations;

    private java.util.function.Consumer<String> businessCallReleased = dn -> { };
    private final List<java.util.function.BiConsumer<CallRecord, SwitchEvent.CallEvent>> observers = new java.util.ArrayList<>();
    private java.util.function.BiFunction<CallRecord, SwitchEvent.CallEvent, KeyValueList> extensions = (record, e) -> KeyValueList.EMPTY;

    /** Adds what a feature puts in a call event's Extensions (the monitoring call's MONITOR_MODE...). At start-up. */
    public void extendWith(java.util.function.BiFunction<CallRecord, SwitchEvent.CallEvent, KeyValueList> more) {
        this.extensions = more;
    }

    /**
     * Adds a feature that follows calls: told every call event after the call's record took it in. Route requests and
     * route-used events are not distributed here: the routing feature owns them and must observe them.
     */
    public void observe(java.util.function.BiConsumer<CallRecord, SwitchEvent.CallEvent> observer) {
        observers.add(observer);
    }

    /**
     * Tells {@code listener} the DN of every business call being released there after the DN handled it (it was
     * established or held), before the DN's EventReleased goes out: an inbound call from the network. (After-call work.)
     */
    public void onBusinessCallReleased(java.util.function.Consumer<String> listener) {
        this.businessCallReleased = listener;
    }

    /** Translation for the given registry, pending requests and distribution. */
    public CallEvents(CallRegistry calls, PendingCallRequests pending, EventSender sender, Registrations registrations) {
        this.calls = calls;
        this.pending = pending;
        this.sender = sender;
        this.registrations = registrations;
    }

    /** Handles one switch call event. */
    public void handle(SwitchEvent.CallEvent e) {
        if (e.type() == CallEventType.CALL_CLEARED) {
            calls.byCallId(e.callId()).ifPresent(record -> observers.forEach(o -> o.accept(record, e)));
            calls.remove(e.callId());
            return;
        }
        boolean isNew = calls.byCallId(e.callId()).isEmpty();
        CallRecord record = calls.recordFor(e.callId(), e.kind());
        PendingCallRequests.Pending request = pending.get(e.correlation());
        if (isNew && request != null && request.copyUserDataFrom != null) {
            calls.byConnId(request.copyUserDataFrom).ifPresent(original -> calls.setUserData(record, original.userData()));
        }
        String stateBefore = record.partyStates().get(e.dn());
        track(record, e);
        if (e.type() == CallEventType.RELEASED && record.kind() == io.tandem.switchlink.CallKind.INBOUND
                && ("Established".equals(stateBefore) || "Held".equals(stateBefore))) {
            businessCallReleased.accept(e.dn());
        }
        if (e.type() == CallEventType.ROUTE_REQUEST || e.type() == CallEventType.ROUTE_USED) {
            observers.forEach(o -> o.accept(record, e));
            return;
        }
        Message event = toMessage(record, e);
        Collection<ClientSession> receivers = registrations.receivers(e.dn());
        ClientSession requester = null;
        Long referenceId = null;
        if (request != null && !request.answered && request.dn.equals(e.dn())) {
            request.answered = true;
            requester = request.client;
            referenceId = request.referenceId;
        }
        sender.distribute(receivers, event, requester, referenceId);
        observers.forEach(o -> o.accept(record, e));
    }

    private static void track(CallRecord record, SwitchEvent.CallEvent e) {
        String state = switch (e.type()) {
            case DIALING, NETWORK_REACHED -> "Dialing";
            case RINGING -> "Ringing";
            case ESTABLISHED, RETRIEVED, PARTY_CHANGED, PARTY_ADDED, PARTY_DELETED, DTMF_SENT -> "Established";
            case HELD -> "Held";
            case ROUTE_REQUEST -> "Queued";
            case DESTINATION_BUSY -> "Busy";
            case RELEASED, ABANDONED, CALL_CLEARED, ROUTE_USED -> null;
        };
        if (state == null) {
            record.partyStates().remove(e.dn());
        } else if (e.type() == CallEventType.PARTY_CHANGED || e.type() == CallEventType.PARTY_ADDED
                || e.type() == CallEventType.PARTY_DELETED || e.type() == CallEventType.DTMF_SENT) {
            record.partyStates().putIfAbsent(e.dn(), state);
        } else {
            record.partyStates().put(e.dn(), state);
        }
    }

    private Message toMessage(CallRecord record, SwitchEvent.CallEvent e) {
        Message.Builder m = Message.builder(typeOf(e.type()))
                .put(Attribute.THIS_DN, e.dn())
                .put(Attribute.CONN_ID, record.connId())
                .put(Attribute.CALL_ID, record.callId())
                .putIfPresent(Attribute.OTHER_DN, e.otherParty())
                .putIfPresent(Attribute.THIRD_PARTY_DN, e.thirdParty())
                .put(Attribute.CALL_TYPE, record.callType());
        if (e.previousCallId() != 0) {
            calls.byCallId(e.previousCallId()).ifPresent(previous -> m.put(Attribute.PREVIOUS_CONN_ID, previous.connId()));
        }
        if (e.type() == CallEventType.RELEASED || e.type() == CallEventType.DESTINATION_BUSY) {
            m.put(Attribute.CALL_STATE, callState(e));
        }
        m.putIfPresent(Attribute.DTMF_DIGITS, e.digits());
        if (!record.userData().isEmpty()) {
            m.put(Attribute.USER_DATA, record.userData());
        }
        KeyValueList ext = extensions.apply(record, e);
        if (e.cause() != null) {
            ext = ext.with("CAUSE", e.cause());
        }
        if (!ext.isEmpty()) {
            m.put(Attribute.EXTENSIONS, ext);
        }
        return m.build();
    }

    private static int callState(SwitchEvent.CallEvent e) {
        if (e.type() == CallEventType.DESTINATION_BUSY) {
            return CALL_STATE_BUSY;
        }
        if ("TRANSFERRED".equals(e.cause())) {
            return CALL_STATE_TRANSFERRED;
        }
        if ("REDIRECTED".equals(e.cause())) {
            return CALL_STATE_REDIRECTED;
        }
        if ("FORWARDED".equals(e.cause())) {
            return CALL_STATE_FORWARDED;
        }
        return "CONFERENCED".equals(e.cause()) ? CALL_STATE_CONFERENCED : 0;
    }

    private static MessageType typeOf(CallEventType type) {
        return switch (type) {
            case DIALING -> MessageType.EVENT_DIALING;
            case RINGING -> MessageType.EVENT_RINGING;
            case NETWORK_REACHED -> MessageType.EVENT_NETWORK_REACHED;
            case ESTABLISHED -> MessageType.EVENT_ESTABLISHED;
            case RELEASED -> MessageType.EVENT_RELEASED;
            case ABANDONED -> MessageType.EVENT_ABANDONED;
            case DESTINATION_BUSY -> MessageType.EVENT_DESTINATION_BUSY;
            case HELD -> MessageType.EVENT_HELD;
            case RETRIEVED -> MessageType.EVENT_RETRIEVED;
            case PARTY_CHANGED -> MessageType.EVENT_PARTY_CHANGED;
            case PARTY_ADDED -> MessageType.EVENT_PARTY_ADDED;
            case PARTY_DELETED -> MessageType.EVENT_PARTY_DELETED;
            case DTMF_SENT -> MessageType.EVENT_DTMF_SENT;
            case ROUTE_REQUEST -> MessageType.EVENT_ROUTE_REQUEST;
            case ROUTE_USED -> MessageType.EVENT_ROUTE_USED;
            case CALL_CLEARED -> throw new IllegalArgumentException("CALL_CLEARED has no T-Library event");
        };
    }
}
