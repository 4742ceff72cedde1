package io.tandem.server.monitor;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.ErrorMapping;
import io.tandem.server.core.EventSender;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.request.Precondition;
import io.tandem.server.request.RequestDispatcher;
import io.tandem.server.request.RequestHandlers;
import io.tandem.switchlink.MonitorMode;
import io.tandem.switchlink.MonitorRequest;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * RequestMonitorNextCall {ThisDN supervisor, OtherDN agent, Extensions.MonitorMode mute|coach|connect,
 * Extensions.MonitorScope call|agent}, RequestCancelMonitoring {ThisDN, OtherDN}, and RequestSetMuteOff / RequestSetMuteOn
 * on the supervisor's DN (coach / mute). Primary only, with the switch link up. Core thread only.
 */
public final class MonitorRequests {

    private static final Set<Precondition> PRECONDITIONS = EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY,
            Precondition.THIS_DN_REGISTERED, Precondition.SWITCH_LINK_UP);

    private final MonitorDesk desk;
    private final CallRegistry calls;
    private final DnDirectory directory;
    private final EventSender sender;
    private final Supplier<Optional<SwitchLink>> link;
    private final Executor coreThread;

    /** Requests on {@code desk}, carried out on the switch of {@code link}. */
    public MonitorRequests(MonitorDesk desk, CallRegistry calls, DnDirectory directory, EventSender sender,
            Supplier<Optional<SwitchLink>> link, Executor coreThread) {
        this.desk = desk;
        this.calls = calls;
        this.directory = directory;
        this.sender = sender;
        this.link = link;
        this.coreThread = coreThread;
    }

    /** Registers the four requests. */
    public void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_MONITOR_NEXT_CALL, PRECONDITIONS, this::monitorNextCall)
                .register(MessageType.REQUEST_CANCEL_MONITORING, PRECONDITIONS, this::cancel)
                .register(MessageType.REQUEST_SET_MUTE_OFF, PRECONDITIONS, (c, r) -> mode(c, r, MonitorMode.WHISPER))
                .register(MessageType.REQUEST_SET_MUTE_ON, PRECONDITIONS, (c, r) -> mode(c, r, MonitorMode.SILENT));
    }

    private String agentDn(Message r) {
        String agent = r.string(Attribute.OTHER_DN).filter(s -> !s.isBlank()).orElseThrow(() -> new CtiRequestException(
                ErrorCode.INVALID_ATTRIBUTE, r.name() + " requires OtherDN, the agent's DN"));
        if (directory.find(agent).isEmpty()) {
            throw new CtiRequestException(ErrorCode.NOT_CONFIGURED, "DN " + agent + " is not configured");
        }
        return agent;
    }

    private void monitorNextCall(ClientSession client, Message r) {
        String supervisor = r.thisDn();
        String agent = agentDn(r);
        String modeName = r.extensions().getString("MonitorMode").orElse("mute");
        MonitorMode mode = switch (modeName) {
            case "mute" -> MonitorMode.SILENT;
            case "coach" -> MonitorMode.WHISPER;
            case "connect" -> MonitorMode.BARGE;
            default -> throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "unknown MonitorMode '" + modeName + "' (mute, coach, connect)");
        };
        String scope = r.extensions().getString("MonitorScope").orElse("call");
        if (!scope.equals("call") && !scope.equals("agent")) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "unknown MonitorScope '" + scope + "' (call, agent)");
        }
        if (desk.onAgent(agent).isPresent()) {
            throw new CtiRequestException(ErrorCode.INVALID_STATE, agent + " is monitored by " + desk.onAgent(agent).get().supervisorDn + " already");
        }
        if (desk.ofSupervisor(supervisor).isPresent() || !calls.callsOf(supervisor).isEmpty()) {
            throw new CtiRequestException(ErrorCode.INVALID_STATE, supervisor + " is not idle: a supervisor monitors from an idle phone,"
                    + " one agent at a time");
        }
        MonitorDesk.Watch watch = new MonitorDesk.Watch(supervisor, agent, scope.equals("agent"), mode);
        Message answer = Message.builder(MessageType.EVENT_MONITORING_NEXT_CALL).putIfPresent(Attribute.REFERENCE_ID, r.referenceId().orElse(null))
                .put(Attribute.THIS_DN, supervisor).put(Attribute.OTHER_DN, agent)
                .put(Attribute.EXTENSIONS, KeyValueList.ofStrings("MonitorMode", modeName, "MonitorScope", scope)).build();
        Optional<CallRecord> now = desk.connectedCallOf(agent);
        if (now.isEmpty()) {
            desk.add(watch);
            sender.send(client, answer);
            return;
        }
        desk.add(watch);
        desk.start(watch, now.get().callId()).whenCompleteAsync((ok, error) -> {
            if (error == null) {
                sender.send(client, answer);
                return;
            }
            desk.remove(watch);
            SwitchException failure = SwitchException.unwrap(error);
            sender.send(client, RequestDispatcher.errorEvent(ErrorMapping.forSwitch(failure.error()), failure.getMessage(),
                    r.referenceId().orElse(null), supervisor));
        }, coreThread);
    }

    private void cancel(ClientSession client, Message r) {
        String supervisor = r.thisDn();
        String agent = agentDn(r);
        MonitorDesk.Watch watch = desk.onAgent(agent).filter(w -> w.supervisorDn.equals(supervisor)).orElseThrow(() ->
                new CtiRequestException(ErrorCode.INVALID_STATE, supervisor + " is not monitoring " + agent));
        if (watch.monitoredCallId == 0) {
            desk.remove(watch);
            desk.cancelled(watch, client, r.referenceId().orElse(null), "REQUESTED");
            return;
        }
        watch.requester = client;
        watch.referenceId = r.referenceId().orElse(null);
        switchRequest(client, r, new MonitorRequest(MonitorRequest.Action.STOP, supervisor, agent, 0, null, 0));
    }

    private void mode(ClientSession client, Message r, MonitorMode mode) {
        String supervisor = r.thisDn();
        MonitorDesk.Watch watch = desk.ofSupervisor(supervisor).filter(w -> w.monitoredCallId != 0).orElseThrow(() ->
                new CtiRequestException(ErrorCode.INVALID_STATE, supervisor + " has no monitoring call: " + r.name()
                        + " changes the mode of the supervisor's monitoring"));
        if (watch.mode == MonitorMode.BARGE) {
            throw new CtiRequestException(ErrorCode.INVALID_STATE, supervisor + " has barged in; a barge has no mute or coach mode");
        }
        watch.requester = client;
        watch.referenceId = r.referenceId().orElse(null);
        switchRequest(client, r, new MonitorRequest(MonitorRequest.Action.UPDATE, supervisor, watch.agentDn, 0, mode, 0));
    }

    private void switchRequest(ClientSession client, Message r, MonitorRequest request) {
        SwitchLink sw = link.get().orElseThrow(() -> new CtiRequestException(ErrorCode.NO_SWITCH, "no connection to the switch"));
        sw.monitor(request).whenCompleteAsync((ok, error) -> {
            if (error != null) {
                SwitchException failure = SwitchException.unwrap(error);
                sender.send(client, RequestDispatcher.errorEvent(ErrorMapping.forSwitch(failure.error()), failure.getMessage(),
                        r.referenceId().orElse(null), r.thisDn()));
            }
        }, coreThread);
    }
}
