package io.tandem.server.agent;

import io.tandem.protocol.AgentWorkMode;
import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.config.AgentSettings;
import io.tandem.server.config.DnType;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.request.Precondition;
import io.tandem.server.request.RequestHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * RequestAgentLogin, RequestAgentReady, RequestAgentNotReady and RequestAgentLogout: each checks everything it needs
 * and throws {@link CtiRequestException} having changed nothing, or has {@link AgentDesk} make the change. The
 * dispatcher has checked first that the client is registered, that this server is the primary and that ThisDN is
 * configured and registered by the client. Core thread only.
 */
public final class AgentRequests {

    /** The preconditions of every agent request. */
    public static final Set<Precondition> PRECONDITIONS = EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY,
            Precondition.THIS_DN_REGISTERED);

    private static final Set<AgentWorkMode> READY_MODES = EnumSet.of(AgentWorkMode.MANUAL_IN, AgentWorkMode.AUTO_IN);
    private static final Set<AgentWorkMode> NOT_READY_MODES = EnumSet.of(AgentWorkMode.AUX_WORK, AgentWorkMode.AFTER_CALL_WORK,
            AgentWorkMode.WALK_AWAY, AgentWorkMode.NO_CALL_DISCONNECT);
    private static final Set<DnType> AGENT_DNS = EnumSet.of(DnType.Extension, DnType.ACDPosition);

    private final AgentDesk desk;
    private final DnDirectory directory;
    private final Predicate<String> hasCall;

    /** The requests over {@code desk}, for the DNs of {@code directory}; {@code hasCall} tells whether a DN has a call now. */
    public AgentRequests(AgentDesk desk, DnDirectory directory, Predicate<String> hasCall) {
        this.desk = desk;
        this.directory = directory;
        this.hasCall = hasCall;
    }

    /** Registers the four requests. */
    public void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_AGENT_LOGIN, PRECONDITIONS, this::login)
                .register(MessageType.REQUEST_AGENT_READY, PRECONDITIONS, this::ready)
                .register(MessageType.REQUEST_AGENT_NOT_READY, PRECONDITIONS, this::notReady)
                .register(MessageType.REQUEST_AGENT_LOGOUT, PRECONDITIONS, this::logout);
    }

    void login(ClientSession client, Message request) {
        String dn = agentDn(request);
        String agentId = request.string(Attribute.AGENT_ID).filter(s -> !s.isBlank())
                .orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "RequestAgentLogin requires AgentID"));
        AgentWorkMode mode = mode(request, AgentWorkMode.UNKNOWN, null);
        KeyValueList reasons = reasons(request);
        checkIdentity(agentId, request.string(Attribute.PASSWORD).orElse(null));
        desk.dnOf(agentId).ifPresent(other -> {
            throw new CtiRequestException(ErrorCode.AGENT_ID_IN_USE, "agent " + agentId + " is already logged in on DN " + other);
        });
        desk.onDn(dn).ifPresent(present -> {
            throw new CtiRequestException(ErrorCode.AGENT_ALREADY_LOGGED_IN, "agent " + present.agentId() + " is already logged in on DN " + dn);
        });
        if (!desk.settings().loginOnCall() && hasCall.test(dn)) {
            throw new CtiRequestException(ErrorCode.INVALID_STATE, "DN " + dn + " has a call; an agent logs in on an idle DN"
                    + " (agent-login-on-call is off)");
        }
        desk.login(client, dn, agentId, request.string(Attribute.THIS_QUEUE).orElse(null), mode, reasons, request.referenceId().orElse(null));
    }

    void ready(ClientSession client, Message request) {
        String dn = agentDn(request);
        AgentWorkMode mode = mode(request, AgentWorkMode.MANUAL_IN, READY_MODES);
        desk.ready(client, loggedIn(dn, request), mode, request.referenceId().orElse(null));
    }

    void notReady(ClientSession client, Message request) {
        String dn = agentDn(request);
        AgentWorkMode mode = mode(request, AgentWorkMode.AUX_WORK, NOT_READY_MODES);
        KeyValueList reasons = reasons(request);
        Agent agent = loggedIn(dn, request);
        desk.notReady(client, agent, mode, reasons.isEmpty() ? agent.reasons() : reasons, request.referenceId().orElse(null));
    }

    void logout(ClientSession client, Message request) {
        String dn = agentDn(request);
        KeyValueList reasons = reasons(request);
        desk.logout(client, loggedIn(dn, request), reasons, request.referenceId().orElse(null));
    }

    /** ThisDN, which must be a DN an agent can log in on (an extension or an ACD position). */
    private String agentDn(Message request) {
        String dn = request.thisDn();
        DnType type = directory.find(dn).orElseThrow().type();
        if (!AGENT_DNS.contains(type)) {
            throw new CtiRequestException(ErrorCode.UNSUPPORTED_OPERATION, request.name() + " is not supported on DN " + dn + " of type " + type
                    + "; agents log in on extensions and ACD positions");
        }
        return dn;
    }

    private Agent loggedIn(String dn, Message request) {
        return desk.onDn(dn).orElseThrow(() -> new CtiRequestException(ErrorCode.AGENT_NOT_LOGGED_IN, request.name()
                + ": no agent is logged in on DN " + dn));
    }

    /** The AgentWorkMode of {@code request}, {@code fallback} when absent; an unknown name or one not in {@code allowed} is 53. */
    private static AgentWorkMode mode(Message request, AgentWorkMode fallback, Set<AgentWorkMode> allowed) {
        String name = request.string(Attribute.AGENT_WORK_MODE).orElse(null);
        if (name == null) {
            return fallback;
        }
        AgentWorkMode mode = AgentWorkMode.fromWireName(name).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                "unknown AgentWorkMode '" + name + "'"));
        if (allowed != null && !allowed.contains(mode)) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, request.name() + " does not take AgentWorkMode " + name + " (allowed: "
                    + allowed.stream().map(AgentWorkMode::wireName).sorted().toList() + ")");
        }
        return mode;
    }

    /** The request's Reasons, with Extensions.ReasonCode added when only the Extensions carry it. */
    private static KeyValueList reasons(Message request) {
        KeyValueList reasons = request.kvList(Attribute.REASONS);
        KeyValueList extensions = request.extensions();
        if (extensions.containsKey("ReasonCode") && !reasons.containsKey("ReasonCode")) {
            reasons = reasons.with("ReasonCode", extensions.entries().get("ReasonCode"));
        }
        return reasons;
    }

    private void checkIdentity(String agentId, String password) {
        AgentSettings settings = desk.settings();
        if (settings.strictId() == AgentSettings.StrictId.OFF) {
            return;
        }
        AgentSettings.AgentLogin login = settings.login(agentId).orElseThrow(() -> new CtiRequestException(ErrorCode.AGENT_WRONG_ID,
                "agent " + agentId + " is not a configured agent login"));
        if (settings.strictId() == AgentSettings.StrictId.PASSWORD && !matches(login.password(), password)) {
            throw new CtiRequestException(ErrorCode.AGENT_PASSWORD_MISMATCH, "wrong password for agent " + agentId);
        }
    }

    private static boolean matches(String expected, String given) {
        byte[] a = (expected == null ? "" : expected).getBytes(StandardCharsets.UTF_8);
        byte[] b = (given == null ? "" : given).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(a, b);
    }
}
