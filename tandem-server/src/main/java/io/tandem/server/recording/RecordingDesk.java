package io.tandem.server.recording;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.link.LinkEvents;
import io.tandem.switchlink.RecordingState;
import io.tandem.switchlink.SwitchEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The recordings this server knows, on the core thread: it follows the switch's recording events, tells the clients of
 * each recorded DN with EventPrivateInfo, and holds a request's EventPrivateInfo until the request's EventACK has gone
 * out. Pause and resume are the switch's stop and start under the same recording ID.
 */
public final class RecordingDesk implements LinkEvents.DeviceStateObserver {

    /** GSIP_RECORD_START. */
    static final String START = "GSIP_RECORD_START";
    /** GSIP_RECORD_STOP. */
    static final String STOP = "GSIP_RECORD_STOP";
    /** GSIP_RECORD_PAUSE. */
    static final String PAUSE = "GSIP_RECORD_PAUSE";
    /** GSIP_RECORD_RESUME. */
    static final String RESUME = "GSIP_RECORD_RESUME";

    /** A request in progress for one party: its kind and the events it caused, sent once it is answered. */
    static final class Pending {
        final String kind;
        final List<Message> held = new ArrayList<>();

        Pending(String kind) {
            this.kind = kind;
        }
    }

    private final CallRegistry calls;
    private final Registrations registrations;
    private final EventSender sender;
    private final Clock clock;
    private final java.util.function.BooleanSupplier actsOnSwitch;
    private final Map<String, Recording> byParty = new LinkedHashMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private BiConsumer<String, Recording> changes = (key, recording) -> { };
    private RecordingLog log = RecordingLog.none();
    private java.util.function.Function<String, String> agentOf = dn -> null;
    private java.util.function.Function<String, String> emUserOf = dn -> null;

    /**
     * From now on, recordings are kept in {@code newLog}, tagged with the AgentID ({@code agents}) and the Extension
     * Mobility user ({@code emUsers}) of the recorded DN, or null. At start-up.
     */
    public void logTo(RecordingLog newLog, java.util.function.Function<String, String> agents, java.util.function.Function<String, String> emUsers) {
        this.log = newLog;
        this.agentOf = agents;
        this.emUserOf = emUsers;
    }

    /** The recording log (admin API). */
    public RecordingLog log() {
        return log;
    }

    /** A desk telling the clients of {@code registrations} through {@code sender}. */
    public RecordingDesk(CallRegistry calls, Registrations registrations, EventSender sender, Clock clock,
            java.util.function.BooleanSupplier actsOnSwitch) {
        this.actsOnSwitch = actsOnSwitch;
        this.calls = calls;
        this.registrations = registrations;
        this.sender = sender;
        this.clock = clock;
    }

    static String key(long callId, String dn) {
        return callId + "/" + dn;
    }

    /** Tells {@code listener} every change (the replica): the party's key and its recording now, or null when none. */
    void onChange(BiConsumer<String, Recording> listener) {
        this.changes = listener;
    }

    /** The recording of {@code dn} on call {@code callId}, if any. */
    public Optional<Recording> of(long callId, String dn) {
        return Optional.ofNullable(byParty.get(key(callId, dn)));
    }

    /** Every recording known, in start order. */
    public List<Recording> all() {
        return List.copyOf(byParty.values());
    }

    void replaceAll(List<Recording> items) {
        byParty.clear();
        items.forEach(r -> byParty.put(key(r.callId(), r.dn()), r));
    }

    void apply(String key, Recording recording) {
        if (recording == null) {
            byParty.remove(key);
        } else {
            byParty.put(key, recording);
        }
    }

    private void set(String key, Recording recording) {
        apply(key, recording);
        changes.accept(key, recording);
    }

    /** A request of {@code kind} on the party is on its way to the switch. */
    void requested(long callId, String dn, String kind) {
        pending.put(key(callId, dn), new Pending(kind));
    }

    /**
     * The switch answered the request on the party: on success the requester gets EventACK, then the events the request
     * caused go out; on failure they are dropped (a refused request changes nothing).
     */
    void answered(long callId, String dn, ClientSession client, Long referenceId, String connId, boolean succeeded) {
        Pending p = pending.remove(key(callId, dn));
        if (succeeded && client != null) {
            sender.send(client, Message.builder(MessageType.EVENT_ACK).putIfPresent(Attribute.REFERENCE_ID, referenceId)
                    .put(Attribute.THIS_DN, dn).put(Attribute.CONN_ID, connId).build());
        }
        if (succeeded) {
            if (p != null) {
                p.held.forEach(m -> sender.distribute(registrations.receivers(dn), m, null, null));
            }
        }
    }

    /** Stops a paused recording without the switch (it is stopped there already). */
    void stopPaused(Recording r) {
        String key = key(r.callId(), r.dn());
        set(key, null);
        log.ended(r.recordingId(), clock.millis(), "REQUESTED");
        emit(key, r.dn(), info(STOP, r.dn(), r.connId(), "stopped", r.recordingId(), null));
    }

    /** Sends {@code m} to the clients of {@code dn}, or holds it for the request in progress on the party. */
    private void emit(String key, String dn, Message m) {
        Pending p = pending.get(key);
        if (p != null) {
            p.held.add(m);
        } else {
            sender.distribute(registrations.receivers(dn), m, null, null);
        }
    }

    @Override
    public void deviceEvent(SwitchEvent event) {
        if (event instanceof SwitchEvent.RecordingChanged r) {
            recordingChanged(r);
        }
    }

    private void recordingChanged(SwitchEvent.RecordingChanged e) {
        String key = key(e.callId(), e.dn());
        if (!actsOnSwitch.getAsBoolean()) { // a backup tells its clients; its recordings come from the primary
            String state = e.state() == RecordingState.STARTED ? "started" : e.state() == RecordingState.STOPPED ? "stopped" : "failed";
            sender.distribute(registrations.receivers(e.dn()), info(e.state() == RecordingState.STARTED ? START : STOP, e.dn(),
                    calls.byCallId(e.callId()).map(CallRecord::connId).orElse(null), state, e.recordingId(), e.cause()), null, null);
            return;
        }
        Pending p = pending.get(key);
        String kind = p != null ? p.kind : e.state() == RecordingState.STARTED ? START : STOP;
        String connId = calls.byCallId(e.callId()).map(CallRecord::connId).orElse(null);
        Recording before = byParty.get(key);
        String state;
        switch (e.state()) {
            case STARTED -> {
                state = RESUME.equals(kind) ? "resumed" : "started";
                long startedAt = before != null ? before.startedAt() : clock.millis();
                set(key, new Recording(e.recordingId(), e.callId(), connId, e.dn(), false, e.automatic(), e.recorder(), startedAt));
                log.started(new RecordingLog.Entry(e.recordingId(), connId, e.callId(), e.dn(), agentOf.apply(e.dn()),
                        emUserOf.apply(e.dn()), e.recorder(), startedAt, null, null));
            }
            case STOPPED -> {
                if (PAUSE.equals(kind) && before != null) {
                    state = "paused";
                    set(key, before.withPaused(true));
                } else {
                    state = "stopped";
                    set(key, null);
                    log.ended(e.recordingId(), clock.millis(), e.cause());
                }
            }
            default -> {
                state = "failed";
                set(key, null);
                log.started(new RecordingLog.Entry(e.recordingId(), connId, e.callId(), e.dn(), agentOf.apply(e.dn()),
                        emUserOf.apply(e.dn()), e.recorder(), clock.millis(), null, null));
                log.ended(e.recordingId(), clock.millis(), e.cause());
            }
        }
        emit(key, e.dn(), info(kind, e.dn(), connId, state, e.recordingId(), "REQUESTED".equals(e.cause()) ? null : e.cause()));
    }

    private static Message info(String kind, String dn, String connId, String state, String recordingId, String cause) {
        KeyValueList ext = KeyValueList.ofStrings("RECORDING_STATE", state, "RECORDING_ID", recordingId);
        if (cause != null) {
            ext = ext.with("CAUSE", cause);
        }
        return Message.builder(MessageType.EVENT_PRIVATE_INFO).put(Attribute.PRIVATE_MSG_ID, kind).put(Attribute.THIS_DN, dn)
                .putIfPresent(Attribute.CONN_ID, connId).put(Attribute.EXTENSIONS, ext).build();
    }
}
