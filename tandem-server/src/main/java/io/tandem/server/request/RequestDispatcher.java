package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.protocol.codec.DecodeResult;
import io.tandem.server.config.TServerConfig;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.core.SessionState;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.server.extend.ExtendAndConnect;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.call.PendingCallRequests;
import io.tandem.switchlink.SwitchLink;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each decoded frame to its handler and turns every refusal into an EventError with the request's
 * ReferenceID and ThisDN. Core thread only.
 */
public final class RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final EventSender sender;
    private final RegistrationRequests registrationRequests;
    private final RequestHandlers handlers = new RequestHandlers();
    private final BooleanSupplier actsOnSwitch;
    private final BooleanSupplier linkUp;
    private final DnDirectory directory;
    private final Registrations registrations;

    /**
     * A dispatcher over the core's services; call requests other than queries are refused while
     * {@code actsOnSwitch} is false (a backup).
     */
    public RequestDispatcher(TServerConfig config, ServerIdentity identity, DnDirectory directory, Registrations registrations,
            EventSender sender, ServiceReporter reporter, ExtendAndConnect extendAndConnect, BooleanSupplier linkUp,
            CallRegistry calls, PendingCallRequests pending, Supplier<Optional<SwitchLink>> link, Executor coreThread,
            BooleanSupplier actsOnSwitch, java.time.Clock clock, int maxUserDataBytes, io.tandem.server.dn.SnapshotParts snapshots) {
        this.sender = sender;
        this.actsOnSwitch = actsOnSwitch;
        this.linkUp = linkUp;
        this.directory = directory;
        this.registrations = registrations;
        new SessionRequests(config.clientCredentials(), identity, sender, linkUp, clock).registerIn(handlers);
        this.registrationRequests = new RegistrationRequests(directory, registrations, sender, reporter, extendAndConnect, linkUp, snapshots);
        registrationRequests.registerIn(handlers);
        new CallRequests(directory, registrations, calls, pending, sender, reporter, link, coreThread, maxUserDataBytes, snapshots)
                .registerIn(handlers);
        new UserEvents(sender, registrations, maxUserDataBytes).registerIn(handlers);
        new InputMasks(sender).registerIn(handlers);
    }

    /** The registered requests (for the docs and their tests). */
    public RequestHandlers handlers() {
        return handlers;
    }

    /** Handles one frame from {@code session}. */
    public void dispatch(ClientSession session, DecodeResult frame) {
        if (frame instanceof DecodeResult.Malformed bad) {
            LOG.debug("{}: malformed frame: {}", session, bad.problem());
            sendError(session, bad.code(), bad.problem(), bad.referenceId(), null);
            return;
        }
        Message request = ((DecodeResult.Decoded) frame).message();
        try {
            handle(session, request);
        } catch (CtiRequestException e) {
            sendError(session, e.code(), e.getMessage(), request.referenceId().orElse(null), request.thisDn());
            if (e instanceof io.tandem.server.core.ClientRefusedException) {
                session.channel().close(e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("{}: {} failed", session, request.name(), e);
            sendError(session, ErrorCode.INTERNAL, "internal error handling " + request.name() + ": " + e,
                    request.referenceId().orElse(null), request.thisDn());
        }
    }

    private void handle(ClientSession session, Message request) {
        MessageType type = request.type();
        if (type == MessageType.UNKNOWN) {
            throw new CtiRequestException(ErrorCode.UNSUPPORTED_OPERATION, "unknown message '" + request.name() + "'");
        }
        if (!type.isRequest()) {
            throw new CtiRequestException(ErrorCode.UNSUPPORTED_OPERATION, request.name() + " is an event; clients send requests");
        }
        Optional<RequestHandlers.Route> route = handlers.route(type);
        if (route.isEmpty()) {
            check(Precondition.CLIENT_REGISTERED, session, request);
            throw new CtiRequestException(ErrorCode.UNSUPPORTED_OPERATION, request.name() + " is not supported by this server");
        }
        for (Precondition precondition : Precondition.values()) {
            if (route.get().preconditions().contains(precondition)) {
                check(precondition, session, request);
            }
        }
        route.get().handler().handle(session, request);
    }

    /** Throws the refusal of {@code precondition} when {@code request} from {@code session} does not meet it. */
    private void check(Precondition precondition, ClientSession session, Message request) {
        switch (precondition) {
            case CLIENT_REGISTERED -> {
                if (session.state() != SessionState.REGISTERED) {
                    throw new CtiRequestException(ErrorCode.INVALID_STATE, request.name() + " before RequestRegisterClient; register the client first");
                }
            }
            case ON_PRIMARY -> {
                if (!actsOnSwitch.getAsBoolean()) {
                    throw new CtiRequestException(ErrorCode.INVALID_STATE, "this server is the backup; send " + request.name() + " to the primary");
                }
            }
            case THIS_DN_REGISTERED -> {
                String dn = RequestChecks.thisDn(request);
                if (directory.find(dn).isEmpty()) {
                    throw new CtiRequestException(ErrorCode.NOT_CONFIGURED, "DN " + dn + " is not configured on this server");
                }
                if (!registrations.isRegistered(session, dn)) {
                    throw new CtiRequestException(ErrorCode.NOT_REGISTERED, "DN " + dn + " is not registered by this client");
                }
            }
            case SWITCH_LINK_UP -> {
                if (!linkUp.getAsBoolean()) {
                    throw new CtiRequestException(ErrorCode.NO_SWITCH, "no connection to the switch; wait for EventLinkConnected");
                }
            }
        }
    }

    /** Undoes a disconnected client's registrations. */
    public void disconnected(ClientSession session) {
        registrationRequests.disconnected(session);
    }

    /** Sends EventError to {@code session}. */
    public void sendError(ClientSession session, ErrorCode code, String message, Long referenceId, String thisDn) {
        sender.send(session, errorEvent(code, message, referenceId, thisDn));
    }

    /** An EventError. */
    /** The EventError answering a request: {@code code} and {@code message}, with its ReferenceID and ThisDN when known. */
    public static Message errorEvent(ErrorCode code, String message, Long referenceId, String thisDn) {
        return Message.builder(MessageType.EVENT_ERROR)
                .putIfPresent(Attribute.REFERENCE_ID, referenceId)
                .putIfPresent(Attribute.THIS_DN, thisDn)
                .put(Attribute.ERROR_CODE, code.code())
                .put(Attribute.ERROR_MESSAGE, message)
                .build();
    }
}
