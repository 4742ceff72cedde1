package io.tandem.server.monitor;

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
import io.tandem.switchlink.CallEventType;
import io.tandem.switchlink.CallKind;
import io.tandem.switchlink.MonitorMode;
import io.tandem.switchlink.MonitorRequest;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitoring requests and sessions, on the core thread. A request waits for the agent's next connected call (or uses the
 * one connected now); the switch then gives the supervisor a monitoring call. With scope {@code agent} the request stays
 * for every call of the agent until it is cancelled.
 */
public final class MonitorDesk implements LinkEvents.DeviceStateObserver {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorDesk.class);
    /** The PrivateMsgID of the EventPrivateInfo that reports a mode change. */
    static final String MODE_CHANGED = "4024";

    /** One supervisor's request on one agent DN. */
    static final class Watch {
        final String supervisorDn;
        final String agentDn;
        final boolean everyCall;
        MonitorMode mode;
        /** The agent's call being monitored, or 0 while waiting for one. */
        long monitoredCallId;
        /** A client waiting for its request's answer and the ReferenceID it gave, while the switch works. */
        ClientSession requester;
        Long referenceId;

        Watch(String supervisorDn, String agentDn, boolean everyCall, MonitorMode mode) {
            this.supervisorDn = supervisorDn;
            this.agentDn = agentDn;
            this.everyCall = everyCall;
            this.mode = mode;
        }
    }

    private final CallRegistry calls;
    private final Registrations registrations;
    private final EventSender sender;
    private final Supplier<Optional<SwitchLink>> link;
    private final BooleanSupplier actsOnSwitch;
    private final Executor coreThread;
    private final Map<String, Watch> byAgent = new LinkedHashMap<>();
    private java.util.function.BiConsumer<String, MonitorWatch> changes = (agent, watch) -> { };

    void onChange(java.util.function.BiConsumer<String, MonitorWatch> listener) {
        this.changes = listener;
    }

    /** Tells the replica the request on {@code agentDn} now. */
    void changed(String agentDn) {
        Watch w = byAgent.get(agentDn);
        changes.accept(agentDn, w == null ? null : new MonitorWatch(w.supervisorDn, w.agentDn, w.everyCall, w.mode, w.monitoredCallId));
    }

    /** The monitoring requests as values (replica, console). */
    public List<MonitorWatch> snapshot() {
        return byAgent.values().stream().map(w -> new MonitorWatch(w.supervisorDn, w.agentDn, w.everyCall, w.mode, w.monitoredCallId)).toList();
    }

    void replaceAll(List<MonitorWatch> items) {
        byAgent.clear();
        items.forEach(w -> apply(w.agentDn(), w));
    }

    void apply(String agentDn, MonitorWatch w) {
        if (w == null) {
            byAgent.remove(agentDn);
            return;
        }
        Watch watch = new Watch(w.supervisorDn(), w.agentDn(), w.everyCall(), w.mode());
        watch.monitoredCallId = w.monitoredCallId();
        byAgent.put(agentDn, watch);
    }

    /** A desk telling {@code registrations}' clients through {@code sender}, acting on the switch of {@code link}. */
    public MonitorDesk(CallRegistry calls, Registrations registrations, EventSender sender, Supplier<Optional<SwitchLink>> link,
            BooleanSupplier actsOnSwitch, Executor coreThread) {
        this.calls = calls;
        this.registrations = registrations;
        this.sender = sender;
        this.link = link;
        this.actsOnSwitch = actsOnSwitch;
        this.coreThread = coreThread;
    }

    /** The request on {@code agentDn}, if any. */
    Optional<Watch> onAgent(String agentDn) {
        return Optional.ofNullable(byAgent.get(agentDn));
    }

    /** The request of supervisor {@code supervisorDn}, if any. */
    Optional<Watch> ofSupervisor(String supervisorDn) {
        return byAgent.values().stream().filter(w -> w.supervisorDn.equals(supervisorDn)).findFirst();
    }

    /** Every request, for the console. */
    public List<Watch> all() {
        return List.copyOf(byAgent.values());
    }

    void add(Watch watch) {
        byAgent.put(watch.agentDn, watch);
        changed(watch.agentDn);
    }

    void remove(Watch watch) {
        if (byAgent.remove(watch.agentDn, watch)) {
            changed(watch.agentDn);
        }
    }

    /** The agent's call connected now, if any (ConnID record). */
    Optional<CallRecord> connectedCallOf(String agentDn) {
        return calls.callsOf(agentDn).stream().filter(r -> "Established".equals(r.partyStates().get(agentDn))).findFirst();
    }

    /** Asks the switch to start monitoring {@code call} for {@code watch}. */
    java.util.concurrent.CompletableFuture<Void> start(Watch watch, long callId) {
        watch.monitoredCallId = callId;
        changed(watch.agentDn);
        return link.get().map(sw -> sw.monitor(new MonitorRequest(MonitorRequest.Action.START, watch.supervisorDn, watch.agentDn, callId,
                watch.mode, 0))).orElse(java.util.concurrent.CompletableFuture.failedFuture(
                        new io.tandem.switchlink.SwitchException(io.tandem.switchlink.SwitchError.LINK_DOWN, "no connection to the switch")));
    }

    /** Follows call events: an armed agent's call connecting starts the monitoring. */
    public void callEvent(CallRecord record, SwitchEvent.CallEvent e) {
        if (e.type() != CallEventType.ESTABLISHED || e.dn() == null || !actsOnSwitch.getAsBoolean() || record.kind() == CallKind.MONITOR) {
            return;
        }
        Watch watch = byAgent.get(e.dn());
        if (watch == null || watch.monitoredCallId != 0) {
            return;
        }
        start(watch, e.callId()).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                watch.monitoredCallId = 0;
                changed(watch.agentDn);
                LOG.info("monitoring {} by {} could not start: {}", watch.agentDn, watch.supervisorDn, error.getMessage());
                if (!watch.everyCall) {
                    remove(watch);
                    cancelled(watch, null, null, "NotStarted");
                }
            }
        }, coreThread);
    }

    /** What a call event of the supervisor's monitoring call adds to its Extensions. */
    public KeyValueList extensions(CallRecord record, SwitchEvent.CallEvent e) {
        if (record.kind() != CallKind.MONITOR || e.dn() == null) {
            return KeyValueList.EMPTY;
        }
        KeyValueList ext = KeyValueList.EMPTY.with("MONITORED_DN", e.otherParty() == null ? "" : e.otherParty());
        Watch watch = ofSupervisor(e.dn()).orElse(null);
        if (watch != null) {
            ext = ext.with("MONITOR_MODE", wireMode(watch.mode));
            String connId = calls.byCallId(watch.monitoredCallId).map(CallRecord::connId).orElse(null);
            if (connId != null) {
                ext = ext.with("MONITORED_CONNID", connId);
            }
        }
        return ext;
    }

    /** The protocol's name of {@code mode}: mute, coach or connect. */
    public static String modeName(MonitorMode mode) {
        return wireMode(mode);
    }

    static String wireMode(MonitorMode mode) {
        return switch (mode) {
            case SILENT -> "mute";
            case WHISPER -> "coach";
            case BARGE -> "connect";
        };
    }

    @Override
    public void deviceEvent(SwitchEvent event) {
        if (event instanceof SwitchEvent.MonitorChanged m) {
            monitorChanged(m);
        }
    }

    private void monitorChanged(SwitchEvent.MonitorChanged m) {
        if (!actsOnSwitch.getAsBoolean()) {
            return; // a backup's requests come from the primary
        }
        Watch watch = byAgent.get(m.agentDn());
        if (watch == null || !watch.supervisorDn.equals(m.supervisorDn())) {
            return;
        }
        switch (m.state()) {
            case "UPDATED" -> {
                watch.mode = m.mode();
                changed(watch.agentDn);
                Message info = Message.builder(MessageType.EVENT_PRIVATE_INFO).put(Attribute.PRIVATE_MSG_ID, MODE_CHANGED)
                        .put(Attribute.THIS_DN, watch.supervisorDn).put(Attribute.OTHER_DN, watch.agentDn)
                        .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("MonitorMode", wireMode(m.mode()))).build();
                sender.distribute(registrations.receivers(watch.supervisorDn), info, watch.requester, watch.referenceId);
                sender.distribute(registrations.receivers(watch.agentDn), info.with(Attribute.THIS_DN, watch.agentDn)
                        .with(Attribute.OTHER_DN, watch.supervisorDn), null, null);
                watch.requester = null;
                watch.referenceId = null;
            }
            case "STOPPED" -> {
                watch.monitoredCallId = 0;
                changed(watch.agentDn);
                if (!watch.everyCall || "REQUESTED".equals(m.cause())) {
                    remove(watch);
                    cancelled(watch, watch.requester, watch.referenceId, m.cause());
                }
            }
            default -> {
            }
        }
    }

    /** Tells the supervisor's clients that the monitoring of {@code watch} is over. */
    void cancelled(Watch watch, ClientSession requester, Long referenceId, String reason) {
        Message.Builder b = Message.builder(MessageType.EVENT_MONITORING_CANCELLED).put(Attribute.THIS_DN, watch.supervisorDn)
                .put(Attribute.OTHER_DN, watch.agentDn);
        if (reason != null) {
            b.put(Attribute.EXTENSIONS, KeyValueList.ofStrings("REASON", reason));
        }
        sender.distribute(registrations.receivers(watch.supervisorDn), b.build(), requester, referenceId);
    }
}
