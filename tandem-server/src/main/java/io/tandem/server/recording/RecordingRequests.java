package io.tandem.server.recording;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.ErrorMapping;
import io.tandem.server.core.EventSender;
import io.tandem.server.request.Precondition;
import io.tandem.server.request.RequestDispatcher;
import io.tandem.server.request.RequestHandlers;
import io.tandem.switchlink.RecordingRequest;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * RequestPrivateService with Genesys' recording convention: PrivateMsgID {@code GSIP_RECORD_START}, {@code _STOP},
 * {@code _PAUSE}, {@code _RESUME} on ThisDN's party of call ConnID. The requester must have registered ThisDN but need not
 * be on the call (a supervisor's client records an agent). Answered with EventACK, then EventPrivateInfo to every client
 * of ThisDN. Primary only, with the switch link up. Core thread only.
 */
public final class RecordingRequests {

    private static final Set<String> KINDS = Set.of(RecordingDesk.START, RecordingDesk.STOP, RecordingDesk.PAUSE, RecordingDesk.RESUME);

    private final RecordingDesk desk;
    private final CallRegistry calls;
    private final io.tandem.server.dn.DnDirectory directory;
    private final EventSender sender;
    private final Supplier<Optional<SwitchLink>> link;
    private final Executor coreThread;

    /** Requests on {@code desk}'s recordings, carried out on the switch of {@code link}. */
    public RecordingRequests(RecordingDesk desk, CallRegistry calls, io.tandem.server.dn.DnDirectory directory, EventSender sender,
            Supplier<Optional<SwitchLink>> link, Executor coreThread) {
        this.directory = directory;
        this.desk = desk;
        this.calls = calls;
        this.sender = sender;
        this.link = link;
        this.coreThread = coreThread;
    }

    /** Registers RequestPrivateService. */
    public void registerIn(RequestHandlers handlers) {
        handlers.register(MessageType.REQUEST_PRIVATE_SERVICE, EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY,
                Precondition.THIS_DN_REGISTERED, Precondition.SWITCH_LINK_UP), this::privateService);
    }

    /**
     * An administrator starts or stops the recording of {@code dn}'s party of call {@code connId} (the console): the
     * same checks and events as a request, without a requester. Completes when the switch has done it; fails with a
     * {@link CtiRequestException} or a {@link SwitchException} naming the refusal.
     */
    public CompletableFuture<Void> administer(String connId, String dn, boolean start) {
        Message r = Message.builder(MessageType.REQUEST_PRIVATE_SERVICE).put(Attribute.THIS_DN, dn).put(Attribute.CONN_ID, connId)
                .put(Attribute.PRIVATE_MSG_ID, start ? RecordingDesk.START : RecordingDesk.STOP).build();
        return carryOut(null, r);
    }

    private void privateService(ClientSession client, Message r) {
        carryOut(client, r);
    }

    private CompletableFuture<Void> carryOut(ClientSession client, Message r) {
        String dn = r.thisDn();
        String kind = r.string(Attribute.PRIVATE_MSG_ID).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                "RequestPrivateService requires PrivateMsgID (" + String.join(", ", KINDS) + ")"));
        if (!KINDS.contains(kind)) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "unknown PrivateMsgID '" + kind + "' (" + String.join(", ", KINDS) + ")");
        }
        String connId = r.string(Attribute.CONN_ID).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                "RequestPrivateService requires ConnID"));
        CallRecord call = calls.byConnId(connId).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_CONN_ID,
                "unknown ConnID " + connId));
        if (directory.find(dn).map(io.tandem.server.dn.DirectoryNumber::device).isEmpty()) {
            throw new CtiRequestException(ErrorCode.INCOMPATIBLE_WITH_OBJECT, dn + " is on no device this server controls, directly"
                    + " or through a device profile logged in there; it cannot be recorded");
        }
        if (!call.hasParty(dn)) {
            throw new CtiRequestException(ErrorCode.INVALID_CONN_ID, dn + " is not on call " + connId);
        }
        RecordingRequest.Tone tone = option(r, "tone", RecordingRequest.Tone.class, RecordingRequest.Tone.NONE);
        RecordingRequest.Invocation mode = option(r, "mode", RecordingRequest.Invocation.class, RecordingRequest.Invocation.SILENT);
        Optional<Recording> now = desk.of(call.callId(), dn);
        RecordingRequest request = switch (kind) {
            case RecordingDesk.START -> {
                if (now.isPresent()) {
                    throw new CtiRequestException(ErrorCode.IN_SAME_STATE, dn + " is " + (now.get().paused() ? "paused" : "recorded")
                            + " on " + connId + " already (" + now.get().recordingId() + ")");
                }
                yield new RecordingRequest(true, dn, call.callId(), r.extensions().getString("id").orElse(null), tone, mode, 0);
            }
            case RecordingDesk.RESUME -> {
                Recording paused = now.filter(Recording::paused).orElseThrow(() -> new CtiRequestException(ErrorCode.IN_SAME_STATE,
                        dn + " has no paused recording on " + connId));
                yield new RecordingRequest(true, dn, call.callId(), paused.recordingId(), tone, mode, 0);
            }
            case RecordingDesk.PAUSE -> {
                now.filter(rec -> !rec.paused()).orElseThrow(() -> new CtiRequestException(ErrorCode.IN_SAME_STATE,
                        dn + " has no running recording on " + connId));
                yield new RecordingRequest(false, dn, call.callId(), null, 0);
            }
            default -> {
                Recording recording = now.orElseThrow(() -> new CtiRequestException(ErrorCode.IN_SAME_STATE,
                        dn + " is not recorded on " + connId));
                if (recording.paused()) {
                    desk.requested(call.callId(), dn, kind);
                    desk.stopPaused(recording);
                    desk.answered(call.callId(), dn, client, r.referenceId().orElse(null), connId, true);
                    yield null;
                }
                yield new RecordingRequest(false, dn, call.callId(), null, 0);
            }
        };
        if (request == null) {
            return CompletableFuture.completedFuture(null);
        }
        SwitchLink sw = link.get().orElseThrow(() -> new CtiRequestException(ErrorCode.NO_SWITCH, "no connection to the switch"));
        Long referenceId = r.referenceId().orElse(null);
        desk.requested(call.callId(), dn, kind);
        CompletableFuture<Void> done = sw.record(request);
        return done.whenCompleteAsync((ok, error) -> {
            desk.answered(call.callId(), dn, client, referenceId, connId, error == null);
            if (error != null && client != null) {
                SwitchException failure = SwitchException.unwrap(error);
                sender.send(client, RequestDispatcher.errorEvent(ErrorMapping.forSwitch(failure.error()), failure.getMessage(), referenceId, dn));
            }
        }, coreThread);
    }

    /**
     * {@code Extensions.<key>}: one of {@code type}'s constants in lower case, or {@code fallback} when absent; anything
     * else is refused with 53 naming the values allowed.
     */
    private static <E extends Enum<E>> E option(Message r, String key, Class<E> type, E fallback) {
        Optional<String> given = r.extensions().getString(key);
        if (given.isEmpty()) {
            return fallback;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(given.get())) {
                return value;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "Extensions." + key + " '" + given.get() + "' is not one of "
                + String.join(", ", allowed));
    }
}
