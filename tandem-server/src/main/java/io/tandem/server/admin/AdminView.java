package io.tandem.server.admin;

import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.Registrations;
import io.tandem.server.core.SessionTable;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.server.dn.ServiceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console and the admin API show of the CTI core, read from the core's own state. Every method
 * runs on the core thread (the API hands the call to it) and returns plain values.
 */
public final class AdminView {

    /** At most this many rows in one page. */
    public static final int MAX_PAGE = 500;

    /** One page of rows, and how many rows match in all. */
    public record Page<T>(int total, int offset, List<T> rows) {
    }

    /**
     * A DN as the console shows it.
     *
     * @param dn the number
     * @param type its configured type (Extension, ACDPosition, RoutingPoint, ...)
     * @param device the device that has it on a line, or null
     * @param owner that device's owner user, or null
     * @param remoteTerminal whether it is a remote terminal (on a CTI remote device)
     * @param state InService or OutOfService
     * @param reason why it is out of service, or null
     * @param remoteDest the active remote destination, or null
     * @param remoteName its name, or null
     * @param loggedInUser the Extension Mobility user whose line it is on the device, or null
     * @param controller the identity of the client controlling the remote terminal, or null
     * @param registeredClients the identities of the clients registered on it
     */
    public record DnRow(String dn, String type, String device, String owner, boolean remoteTerminal, String state, String reason,
            String remoteDest, String remoteName, String loggedInUser, String controller, List<String> registeredClients) {
    }

    /** A connected client. */
    public record ClientRow(long id, String application, String identity, String address, String transport, String state,
            int registrations, List<String> dns, long queuedBytes, long eventsSent) {
    }

    /** A live call: ConnID, switch call ID, CallType, this server's DNs on it with their states, attached data. */
    public record CallRow(String connId, long callId, String callType, Map<String, String> parties, Map<String, Object> userData) {
    }

    private final DnDirectory directory;
    private final ServiceReporter reporter;
    private final SessionTable sessions;
    private final Registrations registrations;
    private final CallRegistry calls;
    private final io.tandem.server.agent.AgentDesk agents;
    private final io.tandem.server.route.RoutingDesk routing;
    private final io.tandem.server.recording.RecordingDesk recordings;
    private final io.tandem.server.recording.RecordingRequests recordingRequests;
    private io.tandem.server.monitor.MonitorDesk monitors;

    /**
     * An agent as the console shows it.
     *
     * @param agentId the AgentID
     * @param dn its DN
     * @param state Ready or NotReady
     * @param workMode the work mode
     * @param reason the ReasonCode of its Reasons, or null
     * @param since when it entered its state (epoch ms)
     * @param loggedInBy the client that logged it in
     * @param wrapUpUntil the end of a timed after-call work (epoch ms), or null
     */
    public record AgentRow(String agentId, String dn, String state, String workMode, String reason, long since, String loggedInBy,
            Long wrapUpUntil) {
    }

    /** Where recording metadata is kept (read it off the core thread). */
    public io.tandem.server.recording.RecordingLog recordingLog() {
        return recordings.log();
    }

    /**
     * Admin action: starts or stops recording {@code dn}'s party of call {@code connId}; completes when the switch has
     * done it, or fails naming the refusal.
     */
    public java.util.concurrent.CompletableFuture<Void> record(String connId, String dn, boolean start) {
        return recordingRequests.administer(connId, dn, start);
    }

    /** Shows the monitorings of {@code desk} too. At start-up. */
    public void showMonitorings(io.tandem.server.monitor.MonitorDesk desk) {
        this.monitors = desk;
    }

    /** The monitoring requests and sessions now (a session has a monitored call). */
    public List<MonitoringRow> monitorings() {
        if (monitors == null) {
            return List.of();
        }
        return monitors.snapshot().stream().map(w -> new MonitoringRow(w.supervisorDn(), w.agentDn(),
                io.tandem.server.monitor.MonitorDesk.modeName(w.mode()), w.everyCall() ? "agent" : "call",
                calls.byCallId(w.monitoredCallId()).map(io.tandem.server.call.CallRecord::connId).orElse(null))).toList();
    }

    /**
     * A monitoring as the console shows it.
     *
     * @param supervisorDn the supervisor
     * @param agentDn the agent
     * @param mode {@code mute}, {@code coach} or {@code connect}
     * @param scope {@code call} or {@code agent}
     * @param monitoredConnId the ConnID of the call monitored now, or null while waiting for one
     */
    public record MonitoringRow(String supervisorDn, String agentDn, String mode, String scope, String monitoredConnId) {
    }

    /** The recordings running or paused now. */
    public List<io.tandem.server.recording.Recording> recordingsNow() {
        return recordings.all();
    }

    /** Route points, virtual queues and calls routed per minute. */
    public io.tandem.server.route.RoutingView routing() {
        return routing.view();
    }

    /** Every logged-in agent, in login order. */
    public List<AgentRow> agents() {
        return agents.all().stream().map(a -> new AgentRow(a.agentId(), a.dn(), a.state().wireName(), a.workMode().wireName(),
                a.reasons().getString("ReasonCode").orElse(null), a.since(), a.loggedInBy(), a.wrapUpUntil())).toList();
    }

    /** Admin action: logs the agent on {@code dn} out (EventAgentLogout, LOGOUT_REASON Administrator); false when none is there. */
    public boolean logOutAgent(String dn) {
        return agents.adminLogout(dn);
    }

    /** Admin action: sets the agent on {@code dn} Not Ready (AuxWork, ReasonCode Administrator); false when none is there. */
    public boolean setAgentNotReady(String dn) {
        return agents.adminNotReady(dn);
    }

    /** A view over the core's state. */
    public AdminView(DnDirectory directory, ServiceReporter reporter, SessionTable sessions, Registrations registrations,
            CallRegistry calls, io.tandem.server.agent.AgentDesk agents, io.tandem.server.route.RoutingDesk routing,
            io.tandem.server.recording.RecordingDesk recordings, io.tandem.server.recording.RecordingRequests recordingRequests) {
        this.recordings = recordings;
        this.recordingRequests = recordingRequests;
        this.agents = agents;
        this.routing = routing;
        this.directory = directory;
        this.reporter = reporter;
        this.sessions = sessions;
        this.registrations = registrations;
        this.calls = calls;
    }

    /** Every DN as the console shows it, in configuration order (for {@link DnSnapshots}). */
    public List<DnRow> allRows() {
        List<DnRow> rows = new ArrayList<>(directory.all().size());
        for (DirectoryNumber dn : directory.all()) {
            rows.add(row(dn, reporter.current(dn)));
        }
        return rows;
    }

    /**
     * The page of {@code rows} matching {@code search} (a part of the DN, device, owner, EM user, remote
     * destination or its name, or controller; any case), only remote terminals when {@code terminalsOnly},
     * only out-of-service ones when {@code outOfServiceOnly}. Any thread.
     */
    public static Page<DnRow> page(List<DnRow> rows, String search, boolean terminalsOnly, boolean outOfServiceOnly, int offset,
            int limit) {
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        List<DnRow> page = new ArrayList<>();
        int total = 0;
        int size = Math.min(Math.max(limit, 0), MAX_PAGE);
        for (DnRow row : rows) {
            if ((terminalsOnly && !row.remoteTerminal()) || (outOfServiceOnly && row.state().equals("InService")) || !matches(row, needle)) {
                continue;
            }
            if (total >= offset && page.size() < size) {
                page.add(row);
            }
            total++;
        }
        return new Page<>(total, offset, page);
    }

    private static boolean matches(DnRow row, String needle) {
        return needle.isEmpty() || contains(row.dn(), needle) || contains(row.device(), needle) || contains(row.owner(), needle)
                || contains(row.loggedInUser(), needle) || contains(row.remoteDest(), needle) || contains(row.remoteName(), needle)
                || contains(row.controller(), needle);
    }

    /** One DN, or null when it is not configured. */
    public DnRow dn(String number) {
        return directory.find(number).map(dn -> row(dn, reporter.current(dn))).orElse(null);
    }

    private DnRow row(DirectoryNumber dn, ServiceView view) {
        ClientSession controller = dn.terminal() == null ? null : dn.terminal().controller();
        List<String> registered = registrations.registrants(dn.number()).stream().map(ClientSession::clientIdentity).toList();
        return new DnRow(dn.number(), dn.type().name(), dn.device(), directory.ownerOf(dn.device()), dn.isRemoteTerminal(),
                view.inService() ? "InService" : "OutOfService", view.reason() == null ? null : view.reason().name(),
                view.remoteDest(), view.remoteName(), view.emUser(), controller == null ? null : controller.clientIdentity(), registered);
    }

    /** The connected clients. */
    public List<ClientRow> clients() {
        List<ClientRow> rows = new ArrayList<>();
        for (ClientSession s : sessions.all()) {
            List<String> dns = new ArrayList<>(s.registeredDns());
            rows.add(new ClientRow(s.id(), s.applicationName(), s.applicationName() == null ? null : s.clientIdentity(),
                    s.channel().remoteAddress(), s.channel().transport(), s.state().name(), dns.size(),
                    dns.subList(0, Math.min(dns.size(), 100)), s.channel().queuedBytes(), s.eventsSent()));
        }
        return rows;
    }

    /** The live calls. */
    public List<CallRow> calls() {
        List<CallRow> rows = new ArrayList<>();
        for (CallRecord c : calls.all()) {
            rows.add(new CallRow(c.connId(), c.callId(), c.callType(), new LinkedHashMap<>(c.partyStates()),
                    new LinkedHashMap<>(c.userData().entries())));
        }
        return rows;
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }
}
