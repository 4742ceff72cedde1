package io.tandem.ucm.model;

import io.tandem.switchlink.CallEventType;
import io.tandem.switchlink.CallKind;
import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.DeviceType;
import io.tandem.switchlink.DndOption;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import io.tandem.switchlink.SwitchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Calls on the switch: parties (directory numbers, remote terminals through their active remote destination,
 * and simulated network parties), their connection states, and the call-control verbs. Every change is
 * reported per directory number as a {@link SwitchEvent.CallEvent}. Every verb checks everything before it
 * changes anything, so a refused verb changes nothing. Owned by the switch thread.
 */
public final class CallModel {

    /** Cause of a normal release. */
    public static final String NORMAL_CLEARING = "NORMAL_CLEARING";
    /** Cause when the called party is busy or not extended. */
    public static final String USER_BUSY = "USER_BUSY";
    /** Cause when the called device is out of service. */
    public static final String DEVICE_OUT_OF_SERVICE = "DEVICE_OUT_OF_SERVICE";
    /** Cause when the ringing party refuses the call. */
    public static final String CALL_REJECTED = "CALL_REJECTED";
    /** Cause when the number is unknown. */
    public static final String UNALLOCATED_NUMBER = "UNALLOCATED_NUMBER";
    /** Cause of the transferring party's release. */
    public static final String TRANSFERRED = "TRANSFERRED";
    /** A ringing call sent elsewhere unanswered. */
    public static final String REDIRECTED = "REDIRECTED";
    /** Cause of a party's release when its phone resets (an Extension Mobility login or logout restarts the phone). */
    public static final String PHONE_RESET = "PHONE_RESET";
    /** A ringing call sent on by Call Forward No Answer. */
    public static final String FORWARDED = "FORWARDED";
    /** A route point's session ended by the routing application (JTAPI endRoute): the caller gets busy. */
    public static final String ROUTE_REJECTED = "ROUTE_REJECTED";
    /** A route point's session ended because the chosen destination could not take the call (no re-route on CUCM). */
    public static final String REROUTE = "REROUTE";
    /** A route point's select-route timer expired with no Forward No Answer destination: the caller gets busy. */
    public static final String ROUTE_TIMEOUT = "ROUTE_TIMEOUT";
    /** Cause of the consultation call's release at a conference. */
    public static final String CONFERENCED = "CONFERENCED";

    private static final Pattern DTMF = Pattern.compile("[0-9*#A-D]{1,64}");

    private static final class Party {
        final String address;
        final Device device;
        PartyState state;
        String remoteDestination;
        boolean awaitingRemoteDestination;

        Party(String address, Device device, PartyState state) {
            this.address = address;
            this.device = device;
            this.state = state;
        }

        boolean answersAt(String at) {
            return address.equals(at) || at.equals(remoteDestination);
        }
    }

    private static final class Call {
        final long id;
        final CallKind kind;
        final List<Party> parties = new ArrayList<>();
        String destination;
        boolean answered;
        String cause;
        long consultFrom;

        Call(long id, CallKind kind) {
            this.id = id;
            this.kind = kind;
        }

        Optional<Party> party(String address) {
            return parties.stream().filter(p -> p.address.equals(address)).findFirst();
        }

        Party other(Party p) {
            return parties.size() == 2 ? parties.get(parties.get(0) == p ? 1 : 0) : null;
        }
    }

    private final SwitchModel model;
    private final Set<String> autoAnswer;
    private final Map<Long, Call> calls = new LinkedHashMap<>();
    private Consumer<SwitchEvent.CallEvent> listener = e -> { };
    private Timers timers = (delay, task) -> { };
    private final Recordings recordings;
    /** Monitoring sessions by the monitored call. */
    private final Map<Long, Monitoring> monitorings = new LinkedHashMap<>();
    private Consumer<SwitchEvent.MonitorChanged> monitorListener = e -> { };

    /** A supervisor monitoring an agent's call; {@code monitoringCall} is the supervisor's (the monitored one for a barge). */
    private static final class Monitoring {
        final String supervisorDn;
        final String agentDn;
        final Call monitored;
        final Call monitoringCall;
        final Party supervisor;
        io.tandem.switchlink.MonitorMode mode;

        Monitoring(String supervisorDn, String agentDn, Call monitored, Call monitoringCall, Party supervisor,
                io.tandem.switchlink.MonitorMode mode) {
            this.supervisorDn = supervisorDn;
            this.agentDn = agentDn;
            this.monitored = monitored;
            this.monitoringCall = monitoringCall;
            this.supervisor = supervisor;
            this.mode = mode;
        }
    }

    /** A monitoring as the control API shows it. */
    public record MonitoringView(String supervisorDn, String agentDn, long monitoredCallId, long monitoringCallId, String mode) {
    }
    private String resetting;

    /** Runs a task on the switch thread after a delay (the switch's scheduler; a test's manual one). */
    @FunctionalInterface
    public interface Timers {
        /** Runs {@code task} on the switch thread after {@code delay}. */
        void schedule(java.time.Duration delay, Runnable task);
    }
    private long nextCallId = 1000;
    private long correlation;

    /** Calls routed with {@code model}'s directory; {@code autoAnswer} lists network numbers that answer at once. */
    public CallModel(SwitchModel model, Set<String> autoAnswer) {
        this.model = model;
        this.recordings = new Recordings(model);
        this.autoAnswer = Set.copyOf(autoAnswer);
    }

    /** Sets the timers of Call Forward No Answer (without them, unanswered calls ring on). */
    public void setTimers(Timers timers) {
        this.timers = timers;
    }

    /** Sets who hears the recording events. */
    public void setRecordingListener(Consumer<SwitchEvent.RecordingChanged> recordingListener) {
        recordings.setListener(recordingListener);
    }

    /** Sets who hears the monitoring events. */
    public void setMonitorListener(Consumer<SwitchEvent.MonitorChanged> listener) {
        this.monitorListener = listener;
    }

    /** The monitoring sessions (control API). */
    public List<MonitoringView> monitorings() {
        return monitorings.values().stream().map(m -> new MonitoringView(m.supervisorDn, m.agentDn, m.monitored.id, m.monitoringCall.id,
                m.mode.name().toLowerCase())).toList();
    }

    /**
     * Starts, changes or stops a supervisor's monitoring (see {@link io.tandem.switchlink.SwitchLink#monitor}). Silent and
     * whisper monitoring give the supervisor a monitoring call (its DN dials and is connected at once, other party the
     * agent); a barge adds the supervisor to the agent's call as a conference party. Every refusal comes before any change.
     */
    public void monitor(io.tandem.switchlink.MonitorRequest r) {
        correlation = r.correlation();
        try {
            switch (r.action()) {
                case START -> startMonitoring(r);
                case UPDATE -> {
                    Monitoring m = monitoringOf(r.supervisorDn(), r.agentDn());
                    if (m.mode == io.tandem.switchlink.MonitorMode.BARGE || r.mode() == io.tandem.switchlink.MonitorMode.BARGE) {
                        throw fail(SwitchError.INVALID_STATE, "a barge cannot change mode, and a monitoring cannot become a barge");
                    }
                    m.mode = r.mode();
                    tellMonitor(m, "UPDATED", null);
                }
                case STOP -> stopMonitoring(monitoringOf(r.supervisorDn(), r.agentDn()), "REQUESTED");
            }
        } finally {
            correlation = 0;
        }
    }

    private Monitoring monitoringOf(String supervisorDn, String agentDn) {
        return monitorings.values().stream().filter(m -> m.supervisorDn.equals(supervisorDn) && m.agentDn.equals(agentDn)).findFirst()
                .orElseThrow(() -> fail(SwitchError.INVALID_STATE, supervisorDn + " is not monitoring " + agentDn));
    }

    private void startMonitoring(io.tandem.switchlink.MonitorRequest r) {
        Call call = call(r.callId());
        Party agent = party(call, r.agentDn());
        if (agent.state != PartyState.CONNECTED) {
            throw fail(SwitchError.INVALID_STATE, r.agentDn() + " is " + agent.state + " on call " + call.id + "; only a connected call is monitored");
        }
        if (agent.device.type() == DeviceType.CTI_REMOTE_DEVICE) {
            throw fail(SwitchError.NO_BUILT_IN_BRIDGE, r.agentDn() + " is on CTI remote device " + agent.device.name()
                    + ": monitoring uses the agent phone's built-in bridge, which a CTI remote device does not have");
        }
        if (monitorings.containsKey(call.id)) {
            throw fail(SwitchError.INVALID_STATE, "call " + call.id + " is monitored already by " + monitorings.get(call.id).supervisorDn);
        }
        Device supervisorDevice = model.deviceByDn(r.supervisorDn()).orElseThrow(() -> fail(SwitchError.DEVICE_NOT_FOUND,
                "no device has DN " + r.supervisorDn()));
        if (!supervisorDevice.inService()) {
            throw fail(SwitchError.DEVICE_OUT_OF_SERVICE, "device " + supervisorDevice.name() + " of " + r.supervisorDn() + " is out of service");
        }
        if (onAnyCall(r.supervisorDn(), null)) {
            throw fail(SwitchError.DESTINATION_BUSY, r.supervisorDn() + " is on a call; a supervisor monitors from an idle phone");
        }
        io.tandem.switchlink.MonitorMode mode = r.mode() == null ? io.tandem.switchlink.MonitorMode.SILENT : r.mode();
        Party supervisor = new Party(r.supervisorDn(), supervisorDevice, PartyState.CONNECTED);
        Monitoring m;
        if (mode == io.tandem.switchlink.MonitorMode.BARGE) {
            call.parties.add(supervisor);
            m = new Monitoring(r.supervisorDn(), r.agentDn(), call, call, supervisor, mode);
            monitorings.put(call.id, m);
            emit(call, supervisor, CallEventType.ESTABLISHED, r.agentDn(), null, 0, null, null);
            for (Party q : call.parties) {
                if (q != supervisor) {
                    emit(call, q, CallEventType.PARTY_ADDED, r.supervisorDn(), null, 0, null, null);
                }
            }
        } else {
            Call monitoring = newCall(CallKind.MONITOR);
            monitoring.destination = r.agentDn();
            monitoring.answered = true;
            monitoring.parties.add(supervisor);
            m = new Monitoring(r.supervisorDn(), r.agentDn(), call, monitoring, supervisor, mode);
            monitorings.put(call.id, m);
            emit(monitoring, supervisor, CallEventType.DIALING, r.agentDn(), null, call.id, null, null);
            emit(monitoring, supervisor, CallEventType.ESTABLISHED, r.agentDn(), null, call.id, null, null);
        }
        tellMonitor(m, "STARTED", null);
    }

    private void stopMonitoring(Monitoring m, String cause) {
        monitorings.remove(m.monitored.id);
        if (m.monitoringCall.parties.contains(m.supervisor)) {
            if (m.monitoringCall == m.monitored) {
                release(m.monitored, m.supervisor, NORMAL_CLEARING);
            } else {
                m.monitoringCall.parties.remove(m.supervisor);
                emit(m.monitoringCall, m.supervisor, CallEventType.RELEASED, m.agentDn, null, 0, NORMAL_CLEARING, null);
                clear(m.monitoringCall);
            }
        }
        tellMonitor(m, "STOPPED", cause);
    }

    private void tellMonitor(Monitoring m, String state, String cause) {
        monitorListener.accept(new SwitchEvent.MonitorChanged(m.supervisor.device.name(), m.supervisorDn, m.agentDn, m.monitored.id,
                m.monitoringCall.id, m.mode, state, cause, correlation));
    }

    /** Ends the monitorings a call event ends: the agent or the supervisor leaving, the supervisor hanging up. */
    private void monitorsAfter(Call call, Party party, CallEventType type) {
        if (type != CallEventType.RELEASED && type != CallEventType.ABANDONED || monitorings.isEmpty()) {
            return;
        }
        for (Monitoring m : List.copyOf(monitorings.values())) {
            if (!monitorings.containsValue(m)) {
                continue;
            }
            if (m.monitored == call && party.address.equals(m.agentDn)) {
                stopMonitoring(m, "MONITORED_CALL_ENDED");
            } else if (m.monitoringCall == call && party == m.supervisor) {
                monitorings.remove(m.monitored.id);
                if (m.monitoringCall != m.monitored) {
                    clear(m.monitoringCall);
                }
                tellMonitor(m, "STOPPED", "SUPERVISOR_LEFT");
            }
        }
    }

    /** The recording sessions (control API). */
    public Recordings recordings() {
        return recordings;
    }

    /** Starts or stops recording a party (see {@link io.tandem.switchlink.SwitchLink#record}); the checks of the line are here. */
    public void record(io.tandem.switchlink.RecordingRequest r) {
        correlation = r.correlation();
        try {
            Call call = call(r.callId());
            Party party = party(call, r.dn());
            if (r.start()) {
                recordings.start(call.id, party.address, party.device, party.state, r);
            } else {
                recordings.stop(call.id, party.address, r.correlation());
            }
        } finally {
            correlation = 0;
        }
    }

    /**
     * The phone {@code deviceName} resets (an Extension Mobility login or logout restarts it, as CUCM does): every call of
     * its lines is released there with cause PHONE_RESET, and their recordings stop with that cause.
     */
    public void resetDevice(String deviceName) {
        resetting = deviceName;
        try {
            for (Call call : List.copyOf(calls.values())) {
                for (Party p : List.copyOf(call.parties)) {
                    if (p.device != null && p.device.name().equals(deviceName) && call.parties.contains(p)) {
                        release(call, p, PHONE_RESET);
                    }
                }
            }
        } finally {
            resetting = null;
        }
    }

    /** Sets who hears the call events. */
    public void setListener(Consumer<SwitchEvent.CallEvent> listener) {
        this.listener = listener;
    }

    // ---- call-control verbs from links ------------------------------------------------------------

    /** Performs a verb for a CTI application; returns the new call ID for verbs that create one, else the call ID. */
    public long perform(CallRequest r) {
        correlation = r.correlation();
        try {
            return switch (r.verb()) {
                case MAKE_CALL -> makeCall(r.dn(), r.destination(), CallKind.INTERNAL, null);
                case ANSWER -> answer(call(r.callId()), party(call(r.callId()), r.dn()));
                case RELEASE -> release(r.callId(), r.dn());
                case HOLD -> hold(call(r.callId()), party(call(r.callId()), r.dn()));
                case RETRIEVE -> retrieve(call(r.callId()), party(call(r.callId()), r.dn()));
                case CONSULT_TRANSFER, CONSULT_CONFERENCE -> consult(call(r.callId()), r.dn(), r.destination());
                case COMPLETE_TRANSFER -> completeTransfer(call(r.callId()), call(r.otherCallId()), r.dn());
                case COMPLETE_CONFERENCE -> completeConference(call(r.callId()), call(r.otherCallId()), r.dn());
                case SINGLE_STEP_TRANSFER -> singleStepTransfer(call(r.callId()), r.dn(), r.destination());
                case ALTERNATE -> alternate(call(r.callId()), call(r.otherCallId()), r.dn());
                case RECONNECT -> reconnect(call(r.callId()), call(r.otherCallId()), r.dn());
                case SEND_DTMF -> sendDtmf(call(r.callId()), r.dn(), r.digits());
                case REDIRECT -> redirect(call(r.callId()), r.dn(), r.destination());
                case CLEAR -> clearCall(call(r.callId()), r.dn());
                case DELETE_PARTY -> deleteParty(call(r.callId()), r.dn(), r.destination());
                case MUTE_TRANSFER -> muteTransfer(call(r.callId()), r.dn(), r.destination());
                case SELECT_ROUTE -> selectRoute(call(r.callId()), r.dn(), r.destination());
                case END_ROUTE -> endRoute(call(r.callId()), r.dn());
            };
        } finally {
            correlation = 0;
        }
    }

    /**
     * The checks of a new call from {@code dn}, before anything changes; {@code holding} is the call the new one
     * consults from (it is about to be held, so it does not count as active), or null.
     */
    private Device checkCanDial(String dn, Call holding) {
        Device device = model.deviceByDn(dn).orElseThrow(() -> fail(SwitchError.DEVICE_NOT_FOUND, "no device has DN " + dn));
        if (!device.inService()) {
            throw fail(SwitchError.DEVICE_OUT_OF_SERVICE, "device " + device.name() + " of " + dn + " is out of service");
        }
        if (device.type() == DeviceType.CTI_REMOTE_DEVICE && device.activeNumber() == null) {
            throw fail(SwitchError.NO_ACTIVE_REMOTE_DESTINATION, dn + " has no active remote destination (not extended): nothing dialled");
        }
        if (activeCall(dn).filter(c -> c != holding).isPresent()) {
            throw fail(SwitchError.INVALID_STATE, dn + " already has an active call; hold it first");
        }
        return device;
    }

    private long makeCall(String dn, String destination, CallKind requestedKind, Call held) {
        Device device = checkCanDial(dn, null);
        boolean remote = device.type() == DeviceType.CTI_REMOTE_DEVICE;
        if (destination == null || destination.isBlank()) {
            throw fail(SwitchError.UNROUTABLE, "no number to call");
        }
        if (destination.equals(dn)) {
            throw fail(SwitchError.UNROUTABLE, dn + " cannot call itself");
        }
        boolean internal = route(destination);
        CallKind kind = held != null ? CallKind.CONSULT : internal ? requestedKind : CallKind.OUTBOUND;
        Call call = newCall(kind);
        call.destination = destination;
        call.consultFrom = held == null ? 0 : held.id;
        Party caller = new Party(dn, device, PartyState.DIALING);
        call.parties.add(caller);
        emit(call, caller, CallEventType.DIALING, destination, null, 0, null, null);
        if (remote) {
            caller.remoteDestination = device.activeNumber();
            if (held == null && !onAnyCall(dn, call)) {
                caller.awaitingRemoteDestination = true;
                if (autoAnswer.contains(caller.remoteDestination)) {
                    remoteDestinationAnswered(call, caller);
                }
                return call.id;
            }
        }
        offer(call, caller);
        return call.id;
    }

    /** Whether {@code number} is a DN (true) or a routable network number (false); otherwise UNROUTABLE. */
    private boolean route(String number) {
        if (model.isDirectoryNumber(number)) {
            return true;
        }
        if (model.isExternallyReachable(number)) {
            return false;
        }
        throw fail(SwitchError.UNROUTABLE, "number " + number + " cannot be routed: it is not a DN of the switch and does not match the external dial plan");
    }

    private void remoteDestinationAnswered(Call call, Party caller) {
        caller.awaitingRemoteDestination = false;
        offer(call, caller);
    }

    /** Offers the call to its destination on behalf of {@code caller}. */
    private void offer(Call call, Party caller) {
        String to = destinationFor(call.destination);
        String forwardedBy = to.equals(call.destination) ? null : call.destination;
        String busy = unavailable(to);
        if (busy != null) {
            caller.state = PartyState.BUSY;
            call.cause = busy;
            emit(call, caller, CallEventType.DESTINATION_BUSY, to, null, 0, busy, null);
            return;
        }
        presentAndAutoAnswer(call, addCallee(call, to), caller, forwardedBy);
    }

    private Party addCallee(Call call, String to) {
        Optional<Device> target = model.deviceByDn(to);
        Party callee = new Party(to, target.orElse(null), PartyState.ALERTING);
        if (target.isPresent() && target.get().type() == DeviceType.CTI_REMOTE_DEVICE) {
            callee.remoteDestination = target.get().activeNumber();
        }
        call.parties.add(callee);
        if (callee.device != null && callee.device.type() == DeviceType.ROUTE_POINT) {
            callee.state = PartyState.ROUTING;
            timers.schedule(callee.device.selectRouteTime(), () -> routeTimedOut(call, callee));
        } else if (callee.device != null && model.forwardNoAnswer(to) != null) {
            timers.schedule(model.noAnswerTime(to), () -> noAnswer(call, callee));
        }
        return callee;
    }

    /**
     * Presents the call to {@code callee}, just added on behalf of {@code caller}: a route point reports a route request
     * (the call waits there), a DN rings, a network party is reached; {@code third} is the DN that sent the call on
     * (forward, redirect, route point), or null.
     */
    private void present(Call call, Party callee, Party caller, String third) {
        String from = caller == null ? null : caller.address;
        if (callee.state == PartyState.ROUTING) {
            emit(call, callee, CallEventType.ROUTE_REQUEST, from, third, call.consultFrom, null, null);
            return;
        }
        if (callee.device != null) {
            emit(call, callee, CallEventType.RINGING, from, third, 0, null, null);
        } else if (caller != null) {
            emit(call, caller, CallEventType.NETWORK_REACHED, callee.address, third, 0, null, null);
        }
    }

    /** {@link #present}, then the callee answers at once when its number is an auto-answer one. */
    private void presentAndAutoAnswer(Call call, Party callee, Party caller, String third) {
        present(call, callee, caller, third);
        autoAnswer(call, callee);
    }

    // ---- route points ----------------------------------------------------------------------------

    /** The route point party {@code dn} of {@code call} holding it in a route session, or CALL_NOT_FOUND. */
    private Party routing(Call call, String dn) {
        return call.party(dn).filter(p -> p.state == PartyState.ROUTING).orElseThrow(() -> fail(SwitchError.CALL_NOT_FOUND,
                "call " + call.id + " is not waiting at route point " + dn));
    }

    /**
     * Routes the call waiting at route point {@code dn} to {@code destination}. An unroutable number is refused with nothing
     * changed (UNROUTABLE). A destination that cannot take the call ends the route session, as CUCM does (no re-route): the
     * route point leaves with cause REROUTE, the caller gets busy, and the verb fails with DESTINATION_BUSY.
     */
    private long selectRoute(Call call, String dn, String destination) {
        Party rp = routing(call, dn);
        if (destination == null || destination.isBlank()) {
            throw fail(SwitchError.INVALID_ARGUMENT, "no destination to route call " + call.id + " to");
        }
        route(destination);
        String to = destinationFor(destination);
        Party caller = call.other(rp);
        String busy = caller != null && caller.address.equals(to) ? USER_BUSY : unavailable(to);
        call.parties.remove(rp);
        if (busy != null) {
            emit(call, rp, CallEventType.RELEASED, caller == null ? null : caller.address, null, 0, REROUTE, null);
            callerGetsBusy(call, caller, to, busy);
            throw fail(SwitchError.DESTINATION_BUSY, to + " cannot take call " + call.id + " (" + busy
                    + "); the route session ended and the caller got busy (no re-route, as on CUCM)");
        }
        emit(call, rp, CallEventType.ROUTE_USED, to, null, 0, null, null);
        presentAndAutoAnswer(call, addCallee(call, to), caller, dn);
        return call.id;
    }

    /** Ends the route session of the call waiting at route point {@code dn}: the caller gets busy (JTAPI endRoute). */
    private long endRoute(Call call, String dn) {
        Party rp = routing(call, dn);
        Party caller = call.other(rp);
        call.parties.remove(rp);
        emit(call, rp, CallEventType.RELEASED, caller == null ? null : caller.address, null, 0, ROUTE_REJECTED, null);
        callerGetsBusy(call, caller, dn, USER_BUSY);
        return call.id;
    }

    /**
     * The select-route timer of the route point party {@code rp} expired: the call goes to the route point's Forward No
     * Answer destination when it has one that can take the call, else the caller gets busy. Nothing happens when the
     * session ended meanwhile.
     */
    private void routeTimedOut(Call call, Party rp) {
        if (calls.get(call.id) != call || !call.parties.contains(rp) || rp.state != PartyState.ROUTING) {
            return;
        }
        correlation = 0;
        Party caller = call.other(rp);
        String target = model.forwardNoAnswer(rp.address);
        String to = target == null ? null : destinationFor(target);
        call.parties.remove(rp);
        if (to != null && unavailable(to) == null && (caller == null || !caller.address.equals(to))) {
            emit(call, rp, CallEventType.RELEASED, caller == null ? null : caller.address, null, 0, FORWARDED, null);
            presentAndAutoAnswer(call, addCallee(call, to), caller, rp.address);
            return;
        }
        emit(call, rp, CallEventType.RELEASED, caller == null ? null : caller.address, null, 0, ROUTE_TIMEOUT, null);
        callerGetsBusy(call, caller, rp.address, USER_BUSY);
    }

    /**
     * The caller of a call that could not be delivered gets busy: a DN is told (EventDestinationBusy) and waits to release;
     * a network caller hears the busy tone and the call ends.
     */
    private void callerGetsBusy(Call call, Party caller, String destination, String cause) {
        call.cause = cause;
        if (caller == null || caller.device == null) {
            call.parties.clear();
            clear(call);
            return;
        }
        caller.state = PartyState.BUSY;
        emit(call, caller, CallEventType.DESTINATION_BUSY, destination, null, 0, cause, null);
    }

    /**
     * A route callback was registered on route point {@code dn}: the calls waiting there (whose callback went with its
     * link) are reported again, their select-route timers running on.
     */
    public void routeCallbackRegistered(String dn) {
        correlation = 0;
        for (Call call : List.copyOf(calls.values())) {
            for (Party p : List.copyOf(call.parties)) {
                if (p.state == PartyState.ROUTING && p.address.equals(dn)) {
                    Party caller = call.other(p);
                    emit(call, p, CallEventType.ROUTE_REQUEST, caller == null ? null : caller.address, null, call.consultFrom, null, null);
                }
            }
        }
    }

    /**
     * Call Forward No Answer: {@code callee} has rung unanswered for its ring duration; the call goes to the DN's
     * configured destination as a redirect would ({@code callee} released with cause FORWARDED, the destination rings with
     * the DN as third party). Nothing happens when the call was answered, left or ended meanwhile, or when the destination
     * cannot take the call now (it keeps ringing where it is).
     */
    private void noAnswer(Call call, Party callee) {
        if (calls.get(call.id) != call || !call.parties.contains(callee) || callee.state != PartyState.ALERTING) {
            return;
        }
        String target = model.forwardNoAnswer(callee.address);
        if (target == null) {
            return;
        }
        String to = destinationFor(target);
        if (to.equals(callee.address) || unavailable(to) != null || call.party(to).isPresent()) {
            return;
        }
        correlation = 0;
        Party caller = call.other(callee);
        call.parties.remove(callee);
        emit(call, callee, CallEventType.RELEASED, caller == null ? null : caller.address, null, 0, FORWARDED, null);
        presentAndAutoAnswer(call, addCallee(call, to), caller, callee.address);
    }

    private void autoAnswer(Call call, Party callee) {
        String physical = callee.device == null ? callee.address : callee.remoteDestination;
        if (physical != null && autoAnswer.contains(physical)) {
            answer(call, callee);
        }
    }

    /**
     * Where a call to {@code dialled} is offered: Call Forward All first, then, while the number reached is busy on a call
     * and has a configured Call Forward Busy, that destination (and its own Call Forward All), up to
     * {@link SwitchModel#FORWARD_MAXIMUM_HOPS} forwards in all. Do Not Disturb's call reject is not "busy" for Call Forward
     * Busy: the caller gets busy. A route point with no route callback registered sends its calls to its Forward No Answer
     * destination, else its Forward Busy one, else the caller gets busy (community practice on CUCM: route points are given
     * CFNA/CFB targets so that calls survive the routing application's absence).
     */
    private String destinationFor(String dialled) {
        String to = model.forwardedDestination(dialled);
        for (int hop = 0; hop < SwitchModel.FORWARD_MAXIMUM_HOPS; hop++) {
            if (model.isRoutePoint(to) && model.routeCallback(to) == null) {
                String next = model.forwardNoAnswer(to) != null ? model.forwardNoAnswer(to) : model.forwardBusy(to);
                if (next == null) {
                    return to;
                }
                to = model.forwardedDestination(next);
                continue;
            }
            String busyTarget = model.forwardBusy(to);
            if (busyTarget == null || !USER_BUSY.equals(unavailable(to)) || rejectsByDnd(to)) {
                return to;
            }
            to = model.forwardedDestination(busyTarget);
        }
        return to;
    }

    private boolean rejectsByDnd(String to) {
        return model.deviceByDn(to).filter(d -> d.dndOption() == DndOption.CALL_REJECT && model.doNotDisturb(d)).isPresent();
    }

    /**
     * Why {@code to} (a number after Call Forward All) cannot take a call now (a cause), or null when it can. Do Not
     * Disturb with the call-reject option gives the caller busy (JTAPI: "reject gives the caller CAUSE_USERBUSY");
     * with ringer-off the call is offered as usual.
     */
    private String unavailable(String to) {
        Optional<Device> target = model.deviceByDn(to);
        if (target.isPresent()) {
            Device d = target.get();
            if (!d.inService()) {
                return DEVICE_OUT_OF_SERVICE;
            }
            if (d.type() == DeviceType.ROUTE_POINT) {
                return model.routeCallback(to) == null ? USER_BUSY : null;
            }
            if (d.dndOption() == DndOption.CALL_REJECT && model.doNotDisturb(d)) {
                return USER_BUSY;
            }
            if (d.type() == DeviceType.CTI_REMOTE_DEVICE && d.activeNumber() == null) {
                return USER_BUSY;
            }
        }
        return activeCall(to).isPresent() ? USER_BUSY : null;
    }

    private long answer(Call call, Party party) {
        if (party.state != PartyState.ALERTING) {
            throw fail(SwitchError.INVALID_STATE, party.address + " is not ringing on call " + call.id + " (it is " + party.state + ")");
        }
        boolean wasAnswered = call.answered;
        party.state = PartyState.CONNECTED;
        call.answered = true;
        Party counterpart = call.other(party);
        emit(call, party, CallEventType.ESTABLISHED, counterpart == null ? null : counterpart.address, null, 0, null, null);
        for (Party other : List.copyOf(call.parties)) {
            if (other == party) {
                continue;
            }
            if (other.state == PartyState.DIALING || (!wasAnswered && other.state == PartyState.CONNECTED)) {
                other.state = PartyState.CONNECTED;
                emit(call, other, CallEventType.ESTABLISHED, party.address, null, 0, null, null);
            }
        }
        return call.id;
    }

    private long release(long callId, String dn) {
        Call call = call(callId);
        release(call, party(call, dn), NORMAL_CLEARING);
        return callId;
    }

    private void release(Call call, Party party, String cause) {
        Party other = call.other(party);
        String otherAddress = other != null ? other.address : call.parties.size() == 1 ? call.destination : null;
        call.parties.remove(party);
        emit(call, party, CallEventType.RELEASED, otherAddress, null, 0,
                party.state == PartyState.ALERTING ? CALL_REJECTED : cause, null);
        if (call.parties.size() >= 2) {
            for (Party q : call.parties) {
                emit(call, q, CallEventType.PARTY_DELETED, party.address, null, 0, cause, null);
            }
            return;
        }
        String endCause = party.state == PartyState.ALERTING ? CALL_REJECTED : cause;
        for (Party q : List.copyOf(call.parties)) {
            call.parties.remove(q);
            boolean abandoned = (q.state == PartyState.ALERTING || q.state == PartyState.ROUTING) && !call.answered;
            emit(call, q, abandoned ? CallEventType.ABANDONED : CallEventType.RELEASED, party.address, null, 0, endCause, null);
        }
        call.cause = endCause;
        clear(call);
    }

    private long hold(Call call, Party party) {
        if (party.state != PartyState.CONNECTED) {
            throw fail(SwitchError.INVALID_STATE, party.address + " cannot hold call " + call.id + ": it is " + party.state + ", not CONNECTED");
        }
        party.state = PartyState.HELD;
        Party other = call.other(party);
        emit(call, party, CallEventType.HELD, other == null ? null : other.address, null, 0, null, null);
        return call.id;
    }

    private long retrieve(Call call, Party party) {
        if (party.state != PartyState.HELD) {
            throw fail(SwitchError.INVALID_STATE, party.address + " cannot retrieve call " + call.id + ": it is " + party.state + ", not HELD");
        }
        if (activeCall(party.address).isPresent()) {
            throw fail(SwitchError.INVALID_STATE, party.address + " has another active call; hold or release it first");
        }
        party.state = PartyState.CONNECTED;
        Party other = call.other(party);
        emit(call, party, CallEventType.RETRIEVED, other == null ? null : other.address, null, 0, null, null);
        return call.id;
    }

    private long consult(Call call, String dn, String destination) {
        Party party = party(call, dn);
        if (party.state != PartyState.CONNECTED && party.state != PartyState.HELD) {
            throw fail(SwitchError.INVALID_STATE, dn + " cannot consult from call " + call.id + ": it is " + party.state);
        }
        if (destination == null || destination.isBlank() || destination.equals(dn)) {
            throw fail(SwitchError.UNROUTABLE, "no valid number to consult");
        }
        route(destination);
        checkCanDial(dn, call); // every refusal of the new call before the held event: a refused consult changes nothing
        if (party.state == PartyState.CONNECTED) {
            hold(call, party);
        }
        return makeCall(dn, destination, CallKind.CONSULT, call);
    }

    private long completeTransfer(Call held, Call consult, String dn) {
        Party heldParty = party(held, dn);
        Party consultParty = party(consult, dn);
        Party target = consult.other(consultParty);
        checkConsultation(held, heldParty, consult, consultParty, target, "transfer");
        held.parties.remove(heldParty);
        consult.parties.clear();
        held.parties.add(target);
        Party original = held.other(target);
        emit(consult, consultParty, CallEventType.RELEASED, target.address, null, 0, TRANSFERRED, null);
        emit(held, heldParty, CallEventType.RELEASED, original == null ? null : original.address, null, 0, TRANSFERRED, null);
        emit(held, target, CallEventType.PARTY_CHANGED, original == null ? null : original.address, dn, consult.id, TRANSFERRED, null);
        for (Party q : held.parties) {
            if (q != target) {
                emit(held, q, CallEventType.PARTY_CHANGED, target.address, dn, 0, TRANSFERRED, null);
            }
        }
        held.answered = target.state == PartyState.CONNECTED;
        clear(consult);
        return held.id;
    }

    private void checkConsultation(Call held, Party heldParty, Call consult, Party consultParty, Party target, String what) {
        if (heldParty.state != PartyState.HELD) {
            throw fail(SwitchError.INVALID_STATE, heldParty.address + " cannot complete the " + what + ": call " + held.id + " is not held (it is " + heldParty.state + ")");
        }
        if (target == null || (consultParty.state != PartyState.CONNECTED && consultParty.state != PartyState.DIALING)
                || target.state == PartyState.DIALING) {
            throw fail(SwitchError.INVALID_STATE, consultParty.address + " cannot complete the " + what + ": consultation call "
                    + consult.id + " is not ringing or established");
        }
    }

    private long completeConference(Call held, Call consult, String dn) {
        Party heldParty = party(held, dn);
        Party consultParty = party(consult, dn);
        Party target = consult.other(consultParty);
        checkConsultation(held, heldParty, consult, consultParty, target, "conference");
        if (target.state != PartyState.CONNECTED) {
            throw fail(SwitchError.INVALID_STATE, "the consulted party " + target.address + " has not answered yet");
        }
        consult.parties.clear();
        heldParty.state = PartyState.CONNECTED;
        held.parties.add(target);
        emit(consult, consultParty, CallEventType.RELEASED, target.address, null, 0, CONFERENCED, null);
        emit(held, target, CallEventType.PARTY_CHANGED, null, dn, consult.id, CONFERENCED, null);
        for (Party q : held.parties) {
            if (q != target) {
                emit(held, q, CallEventType.PARTY_ADDED, target.address, dn, 0, CONFERENCED, null);
            }
        }
        clear(consult);
        return held.id;
    }

    private long singleStepTransfer(Call call, String dn, String destination) {
        Party party = party(call, dn);
        Party original = call.other(party);
        if (original == null || (party.state != PartyState.CONNECTED && party.state != PartyState.HELD)) {
            throw fail(SwitchError.INVALID_STATE, dn + " cannot transfer call " + call.id + ": it must be an answered two-party call");
        }
        checkDestination(dn, destination, "transfer to");
        call.parties.remove(party);
        emit(call, party, CallEventType.RELEASED, original.address, null, 0, TRANSFERRED, null);
        Party callee = addCallee(call, destinationFor(destination));
        call.answered = false;
        if (callee.device != null) {
            present(call, callee, original, dn);
        }
        emit(call, original, CallEventType.PARTY_CHANGED, destination, dn, 0, TRANSFERRED, null);
        autoAnswer(call, callee);
        return call.id;
    }

    /** Refuses {@code destination} unless it is another number than {@code dn}, routable, and able to take a call now. */
    private void checkDestination(String dn, String destination, String what) {
        if (destination == null || destination.isBlank() || destination.equals(dn)) {
            throw fail(SwitchError.UNROUTABLE, "no valid number to " + what);
        }
        route(destination);
        String to = destinationFor(destination);
        String busy = unavailable(to);
        if (busy != null) {
            throw fail(SwitchError.DESTINATION_BUSY, to + (to.equals(destination) ? "" : " (" + destination + " is forwarded there)")
                    + " cannot take the call: " + busy);
        }
    }

    /**
     * The call ringing at {@code dn} goes to {@code destination} unanswered (JTAPI {@code CallControlConnection.redirect}):
     * {@code dn} is released (cause REDIRECTED), the destination rings. Refused, changing nothing, when {@code dn} is not
     * ringing (INVALID_STATE), the number cannot be routed (UNROUTABLE) or cannot take the call (DESTINATION_BUSY).
     */
    private long redirect(Call call, String dn, String destination) {
        Party party = party(call, dn);
        if (party.state != PartyState.ALERTING) {
            throw fail(SwitchError.INVALID_STATE, dn + " cannot redirect call " + call.id + ": it is " + party.state + ", not ringing");
        }
        checkDestination(dn, destination, "redirect to");
        Party caller = call.other(party);
        call.parties.remove(party);
        emit(call, party, CallEventType.RELEASED, caller == null ? null : caller.address, null, 0, REDIRECTED, null);
        presentAndAutoAnswer(call, addCallee(call, destinationFor(destination)), caller, dn);
        return call.id;
    }

    /**
     * {@code dn} removes {@code other} from its conference: {@code other} is released, the others see it deleted.
     * Refused, changing nothing, on a call of fewer than three parties (INVALID_STATE) or when {@code other} is not a
     * party of it other than {@code dn} (INVALID_ARGUMENT).
     */
    private long deleteParty(Call call, String dn, String other) {
        party(call, dn);
        if (call.parties.size() < 3) {
            throw fail(SwitchError.INVALID_STATE, "call " + call.id + " is not a conference; release it instead");
        }
        Party removed = call.parties.stream().filter(p -> p.address.equals(other) && !p.address.equals(dn)).findFirst()
                .orElseThrow(() -> fail(SwitchError.INVALID_ARGUMENT, other + " is not another party of call " + call.id));
        release(call, removed, NORMAL_CLEARING);
        return call.id;
    }

    /**
     * A transfer completed without waiting for the destination to answer: a consultation call to {@code destination},
     * completed while it rings. Every refusal comes before anything changes: {@code dn} not on the call connected or held
     * (INVALID_STATE), the number not routable (UNROUTABLE) or not able to take the call (DESTINATION_BUSY).
     */
    private long muteTransfer(Call call, String dn, String destination) {
        Party party = party(call, dn);
        if (party.state != PartyState.CONNECTED && party.state != PartyState.HELD) {
            throw fail(SwitchError.INVALID_STATE, dn + " cannot transfer call " + call.id + ": it is " + party.state);
        }
        checkDestination(dn, destination, "transfer to");
        long consultation = consult(call, dn, destination);
        return completeTransfer(call, call(consultation), dn);
    }

    /** Every party of the call is released (cause NORMAL_CLEARING); {@code dn} must be one of them. */
    private long clearCall(Call call, String dn) {
        party(call, dn);
        List<Party> all = List.copyOf(call.parties);
        for (Party q : all) {
            call.parties.remove(q);
            String other = all.stream().filter(p -> p != q).map(p -> p.address).findFirst().orElse(call.destination);
            emit(call, q, CallEventType.RELEASED, other, null, 0, NORMAL_CLEARING, null);
        }
        call.cause = NORMAL_CLEARING;
        clear(call);
        return call.id;
    }

    private long alternate(Call first, Call second, String dn) {
        Party a = party(first, dn);
        Party b = party(second, dn);
        Call active = a.state == PartyState.HELD ? second : first;
        Call held = active == first ? second : first;
        Party activeParty = party(active, dn);
        Party heldParty = party(held, dn);
        if (activeParty.state != PartyState.CONNECTED || heldParty.state != PartyState.HELD) {
            throw fail(SwitchError.INVALID_STATE, dn + " can alternate only between a connected and a held call (they are "
                    + a.state + " and " + b.state + ")");
        }
        hold(active, activeParty);
        retrieve(held, heldParty);
        return held.id;
    }

    private long reconnect(Call held, Call consult, String dn) {
        Party heldParty = party(held, dn);
        Party consultParty = party(consult, dn);
        if (heldParty.state != PartyState.HELD) {
            throw fail(SwitchError.INVALID_STATE, dn + " cannot reconnect: call " + held.id + " is not held");
        }
        release(consult, consultParty, NORMAL_CLEARING);
        retrieve(held, heldParty);
        return held.id;
    }

    private long sendDtmf(Call call, String dn, String digits) {
        Party party = party(call, dn);
        if (digits == null || !DTMF.matcher(digits).matches()) {
            throw fail(SwitchError.INVALID_ARGUMENT, "DTMF digits must be 1 to 64 of 0-9 * # A-D, got '" + digits + "'");
        }
        if (party.state != PartyState.CONNECTED) {
            throw fail(SwitchError.INVALID_STATE, dn + " cannot send DTMF on call " + call.id + ": it is " + party.state);
        }
        Party other = call.other(party);
        emit(call, party, CallEventType.DTMF_SENT, other == null ? null : other.address, null, 0, null, digits);
        return call.id;
    }

    // ---- the people: network callers and hands on phones (control API) --------------------------

    /** A network party {@code from} calls {@code to}. A busy or unknown destination gives a failed call at once. */
    public CallView placeFromNetwork(String from, String to) {
        if (from == null || !model.isExternallyReachable(from) || model.isDirectoryNumber(from)) {
            throw fail(SwitchError.INVALID_ARGUMENT, "calling number '" + from
                    + "' is not a network number (it must match the external dial plan and not be a switch DN)");
        }
        Call call = newCall(CallKind.INBOUND);
        call.destination = to;
        Party caller = new Party(from, null, PartyState.DIALING);
        call.parties.add(caller);
        if (!model.isDirectoryNumber(to)) {
            call.cause = UNALLOCATED_NUMBER;
            calls.remove(call.id);
            return view(call);
        }
        offer(call, caller);
        CallView view = view(call);
        if (caller.state == PartyState.BUSY) {
            calls.remove(call.id);
        }
        return view;
    }

    /** The person at {@code at} (a network number, a remote destination or a phone DN) answers what rings there. */
    public CallView answerAt(String at) {
        for (Call call : calls.values()) {
            for (Party p : call.parties) {
                if (p.awaitingRemoteDestination && at.equals(p.remoteDestination)) {
                    remoteDestinationAnswered(call, p);
                    return view(call);
                }
                if (p.state == PartyState.ALERTING && p.answersAt(at)) {
                    answer(call, p);
                    return view(call);
                }
            }
        }
        throw fail(SwitchError.INVALID_ARGUMENT, "no call is ringing at " + at);
    }

    /** The person at {@code at} hangs up (a ringing party rejecting the call). */
    public CallView hangUpAt(String at) {
        for (Call call : List.copyOf(calls.values())) {
            for (Party p : List.copyOf(call.parties)) {
                if (p.answersAt(at) && p.state != PartyState.HELD) {
                    release(call, p, NORMAL_CLEARING);
                    return view(call);
                }
            }
        }
        throw fail(SwitchError.INVALID_ARGUMENT, "no call at " + at);
    }

    /** The calls waiting at route point {@code dn} (in a route session), oldest first. */
    public List<CallView> waitingAt(String dn) {
        return calls.values().stream().filter(c -> c.party(dn).filter(p -> p.state == PartyState.ROUTING).isPresent())
                .map(this::view).toList();
    }

    /** The live calls. */
    public List<CallView> live() {
        return calls.values().stream().map(this::view).toList();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Call newCall(CallKind kind) {
        Call call = new Call(nextCallId++, kind);
        calls.put(call.id, call);
        return call;
    }

    private void clear(Call call) {
        calls.remove(call.id);
        listener.accept(new SwitchEvent.CallEvent(null, call.id, CallEventType.CALL_CLEARED, null, null, null, call.kind, 0,
                call.cause, null, correlation));
    }

    private Call call(long callId) {
        Call call = calls.get(callId);
        if (call == null) {
            throw fail(SwitchError.CALL_NOT_FOUND, "no call " + callId + " on the switch");
        }
        return call;
    }

    private static Party party(Call call, String dn) {
        return call.party(dn).orElseThrow(() -> fail(SwitchError.CALL_NOT_FOUND, dn + " is not on call " + call.id));
    }

    /** The call in which {@code address} is dialling, ringing, connected or busy. */
    private Optional<Call> activeCall(String address) {
        return calls.values().stream().filter(c -> c.parties.stream().anyMatch(p -> p.answersAt(address)
                && p.state != PartyState.HELD)).findFirst();
    }

    private boolean onAnyCall(String address, Call except) {
        return calls.values().stream().anyMatch(c -> c != except && c.party(address).isPresent());
    }

    private void emit(Call call, Party party, CallEventType type, String other, String third, long previous, String cause, String digits) {
        if (party.device == null) {
            return;
        }
        listener.accept(new SwitchEvent.CallEvent(party.device.name(), call.id, type, party.address, other, third, call.kind,
                previous, cause, digits, correlation));
        recordings.callEvent(call.id, party.address, party.device, type,
                party.device.name().equals(resetting) ? PHONE_RESET : cause);
        monitorsAfter(call, party, type);
    }

    private CallView view(Call call) {
        List<CallView.PartyView> parties = call.parties.stream().map(p -> new CallView.PartyView(p.address,
                p.device == null ? null : p.device.name(), p.state, p.remoteDestination)).toList();
        String alerting = null;
        for (Party p : call.parties) {
            if (p.awaitingRemoteDestination) {
                alerting = p.remoteDestination;
            } else if (p.state == PartyState.ALERTING) {
                alerting = p.remoteDestination != null ? p.remoteDestination : p.address;
            }
        }
        return new CallView(call.id, call.kind, stateOf(call), alerting, parties, call.cause);
    }

    private String stateOf(Call call) {
        if (call.parties.stream().anyMatch(p -> p.state == PartyState.BUSY) || (call.cause != null && !calls.containsKey(call.id)
                && call.parties.size() == 1)) {
            return "FAILED";
        }
        if (call.parties.size() < 2 && !call.parties.stream().anyMatch(p -> p.awaitingRemoteDestination)) {
            return call.cause == null ? "FAILED" : "DISCONNECTED";
        }
        if (call.parties.stream().anyMatch(p -> p.state == PartyState.ALERTING)) {
            return "ALERTING";
        }
        if (call.parties.stream().anyMatch(p -> p.state == PartyState.DIALING)) {
            return "DIALING";
        }
        return "CONNECTED";
    }

    private static SwitchException fail(SwitchError error, String message) {
        return new SwitchException(error, message);
    }
}
