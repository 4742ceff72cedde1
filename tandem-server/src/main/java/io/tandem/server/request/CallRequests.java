package io.tandem.server.request;

import io.tandem.protocol.Attribute;
import io.tandem.protocol.ErrorCode;
import io.tandem.protocol.KeyValueList;
import io.tandem.protocol.Message;
import io.tandem.protocol.MessageType;
import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import io.tandem.server.call.PendingCallRequests;
import io.tandem.server.core.ClientSession;
import io.tandem.server.core.CtiRequestException;
import io.tandem.server.core.ErrorMapping;
import io.tandem.server.core.EventSender;
import io.tandem.server.core.Registrations;
import io.tandem.server.dn.DnDirectory;
import io.tandem.server.dn.ServiceReporter;
import io.tandem.switchlink.CallRequest;
import io.tandem.switchlink.CallRequest.Verb;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Call-control requests: checks them, sends the verb to the switch with a correlation, and answers a refusal
 * with EventError. The events the verb causes come back through the switch link (see
 * {@link io.tandem.server.call.CallEvents}). UserData and query requests are answered here. Core thread only.
 */
final class CallRequests {

    private final DnDirectory directory;
    private final Registrations registrations;
    private final CallRegistry calls;
    private final PendingCallRequests pending;
    private final EventSender sender;
    private final ServiceReporter reporter;
    private final Supplier<Optional<SwitchLink>> link;
    private final Executor coreThread;

    private final int maxUserDataBytes;
    private final io.tandem.server.dn.SnapshotParts snapshots;

    CallRequests(DnDirectory directory, Registrations registrations, CallRegistry calls, PendingCallRequests pending,
            EventSender sender, ServiceReporter reporter, Supplier<Optional<SwitchLink>> link, Executor coreThread, int maxUserDataBytes,
            io.tandem.server.dn.SnapshotParts snapshots) {
        this.snapshots = snapshots;
        this.maxUserDataBytes = maxUserDataBytes;
        this.directory = directory;
        this.registrations = registrations;
        this.calls = calls;
        this.pending = pending;
        this.sender = sender;
        this.reporter = reporter;
        this.link = link;
        this.coreThread = coreThread;
    }

    /** Registers the call requests: verbs act on the switch from the primary; the queries are served by a backup too. */
    void registerIn(RequestHandlers handlers) {
        Set<Precondition> verb = EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY, Precondition.THIS_DN_REGISTERED,
                Precondition.SWITCH_LINK_UP);
        handlers.register(MessageType.REQUEST_MAKE_CALL, verb, (c, r) -> verb(c, r, Verb.MAKE_CALL, 0, 0, otherDn(r), null, null))
                .register(MessageType.REQUEST_ANSWER_CALL, verb, (c, r) -> verb(c, r, Verb.ANSWER, call(r).callId(), 0, null, null, null))
                .register(MessageType.REQUEST_RELEASE_CALL, verb, (c, r) -> verb(c, r, Verb.RELEASE, call(r).callId(), 0, null, null, null))
                .register(MessageType.REQUEST_HOLD_CALL, verb, (c, r) -> verb(c, r, Verb.HOLD, call(r).callId(), 0, null, null, null))
                .register(MessageType.REQUEST_RETRIEVE_CALL, verb, (c, r) -> verb(c, r, Verb.RETRIEVE, call(r).callId(), 0, null, null, null))
                .register(MessageType.REQUEST_INITIATE_TRANSFER, verb, (c, r) -> consult(c, r, Verb.CONSULT_TRANSFER))
                .register(MessageType.REQUEST_INITIATE_CONFERENCE, verb, (c, r) -> consult(c, r, Verb.CONSULT_CONFERENCE))
                .register(MessageType.REQUEST_COMPLETE_TRANSFER, verb, (c, r) -> twoCalls(c, r, Verb.COMPLETE_TRANSFER))
                .register(MessageType.REQUEST_COMPLETE_CONFERENCE, verb, (c, r) -> twoCalls(c, r, Verb.COMPLETE_CONFERENCE))
                .register(MessageType.REQUEST_ALTERNATE_CALL, verb, (c, r) -> twoCalls(c, r, Verb.ALTERNATE))
                .register(MessageType.REQUEST_RECONNECT_CALL, verb, (c, r) -> twoCalls(c, r, Verb.RECONNECT))
                .register(MessageType.REQUEST_SINGLE_STEP_TRANSFER, verb,
                        (c, r) -> verb(c, r, Verb.SINGLE_STEP_TRANSFER, call(r).callId(), 0, otherDn(r), null, null))
                .register(MessageType.REQUEST_REDIRECT_CALL, verb, (c, r) -> verb(c, r, Verb.REDIRECT, call(r).callId(), 0, otherDn(r), null, null))
                .register(MessageType.REQUEST_CLEAR_CALL, verb, (c, r) -> verb(c, r, Verb.CLEAR, call(r).callId(), 0, null, null, null))
                .register(MessageType.REQUEST_MUTE_TRANSFER, verb, (c, r) -> verb(c, r, Verb.MUTE_TRANSFER, call(r).callId(), 0, otherDn(r), null, null))
                .register(MessageType.REQUEST_DELETE_FROM_CONFERENCE, verb,
                        (c, r) -> verb(c, r, Verb.DELETE_PARTY, call(r).callId(), 0, otherDn(r), null, null))
                .register(MessageType.REQUEST_SEND_DTMF, verb,
                        (c, r) -> verb(c, r, Verb.SEND_DTMF, call(r).callId(), 0, null, required(r, Attribute.DTMF_DIGITS), null));
        Set<Precondition> userData = EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.ON_PRIMARY, Precondition.THIS_DN_REGISTERED);
        handlers.register(MessageType.REQUEST_ATTACH_USER_DATA, userData, (c, r) -> changeUserData(c, r, true))
                .register(MessageType.REQUEST_UPDATE_USER_DATA, userData, (c, r) -> changeUserData(c, r, true))
                .register(MessageType.REQUEST_DELETE_USER_DATA, userData, (c, r) -> changeUserData(c, r, false))
                .register(MessageType.REQUEST_DELETE_PAIR, userData, this::deletePair)
                .register(MessageType.REQUEST_QUERY_CALL, EnumSet.of(Precondition.CLIENT_REGISTERED, Precondition.THIS_DN_REGISTERED),
                        this::queryCall)
                .register(MessageType.REQUEST_QUERY_ADDRESS, EnumSet.of(Precondition.CLIENT_REGISTERED), this::queryAddress);
    }

    private void consult(ClientSession client, Message r, Verb verb) {
        CallRecord original = call(r);
        verb(client, r, verb, original.callId(), 0, otherDn(r), null, original.connId());
    }

    private void twoCalls(ClientSession client, Message r, Verb verb) {
        CallRecord first = call(r);
        CallRecord second = callOf(r, Attribute.TRANSFER_CONN_ID);
        verb(client, r, verb, first.callId(), second.callId(), null, null, null);
    }

    private void verb(ClientSession client, Message r, Verb verb, long callId, long otherCallId, String destination,
            String digits, String copyUserDataFrom) {
        String dn = r.thisDn();
        SwitchLink sw = link.get().orElseThrow(() -> new CtiRequestException(ErrorCode.NO_SWITCH, "no connection to the switch"));
        Long referenceId = r.referenceId().orElse(null);
        long correlation = pending.add(client, referenceId, dn, copyUserDataFrom);
        sw.call(new CallRequest(verb, dn, callId, otherCallId, destination, digits, correlation))
                .whenCompleteAsync((id, error) -> {
                    pending.remove(correlation);
                    if (error != null) {
                        SwitchException failure = SwitchException.unwrap(error);
                        String message = failure.error() == SwitchError.CALL_NOT_FOUND && callId != 0
                                ? failure.getMessage() + " (ConnID " + calls.byCallId(callId).map(CallRecord::connId).orElse("?") + ")"
                                : failure.getMessage();
                        sender.send(client, RequestDispatcher.errorEvent(ErrorMapping.forSwitch(failure.error()), message, referenceId, dn));
                    }
                }, coreThread);
    }

    private void changeUserData(ClientSession client, Message r, boolean add) {
        String dn = r.thisDn();
        CallRecord record = callWithParty(r);
        KeyValueList given = r.kvList(Attribute.USER_DATA);
        if (add && given.isEmpty()) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, r.name() + " requires a non-empty UserData");
        }
        Map<String, Object> data = new LinkedHashMap<>(record.userData().entries());
        if (add) {
            data.putAll(given.entries());
        } else if (given.isEmpty()) {
            data.clear();
        } else {
            given.entries().keySet().forEach(data::remove);
        }
        KeyValueList changed = new KeyValueList(data);
        int size = io.tandem.protocol.codec.MessageEncoder.sizeOf(changed);
        if (add && size > maxUserDataBytes) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "UserData of ConnID " + record.connId() + " would be " + size
                    + " bytes, more than the limit of " + maxUserDataBytes + " bytes per call; nothing was changed");
        }
        calls.setUserData(record, changed);
        userDataChanged(client, r, record);
    }

    /** RequestDeletePair: removes one key of the call's UserData; a key the call does not have is 53, nothing changed. */
    private void deletePair(ClientSession client, Message r) {
        CallRecord record = callWithParty(r);
        String key = r.string(Attribute.KEY).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "RequestDeletePair requires Key"));
        if (!record.userData().containsKey(key)) {
            throw new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE, "the UserData of ConnID " + record.connId() + " has no key '" + key + "'");
        }
        Map<String, Object> data = new LinkedHashMap<>(record.userData().entries());
        data.remove(key);
        calls.setUserData(record, new KeyValueList(data));
        userDataChanged(client, r, record);
    }

    /** EventAttachedDataChanged to every party of {@code record}; the requester's copy on ThisDN carries the ReferenceID. */
    private void userDataChanged(ClientSession client, Message r, CallRecord record) {
        String dn = r.thisDn();
        for (String party : List.copyOf(record.partyStates().keySet())) {
            Message event = Message.builder(MessageType.EVENT_ATTACHED_DATA_CHANGED)
                    .put(Attribute.THIS_DN, party)
                    .put(Attribute.CONN_ID, record.connId())
                    .put(Attribute.CALL_ID, record.callId())
                    .put(Attribute.CALL_TYPE, record.callType())
                    .put(Attribute.USER_DATA, record.userData())
                    .build();
            sender.distribute(registrations.receivers(party), event, client, party.equals(dn) ? r.referenceId().orElse(null) : null);
        }
    }

    private void queryCall(ClientSession client, Message r) {
        CallRecord record = callWithParty(r);
        Map<String, Object> parties = new LinkedHashMap<>(record.partyStates());
        sender.send(client, Message.builder(MessageType.EVENT_PARTY_INFO)
                .putIfPresent(Attribute.REFERENCE_ID, r.referenceId().orElse(null))
                .put(Attribute.THIS_DN, RequestChecks.thisDn(r))
                .put(Attribute.CONN_ID, record.connId())
                .put(Attribute.CALL_ID, record.callId())
                .put(Attribute.CALL_TYPE, record.callType())
                .put(Attribute.USER_DATA, record.userData())
                .put(Attribute.EXTENSIONS, KeyValueList.EMPTY.with("PARTIES", new KeyValueList(parties)))
                .build());
    }

    private void queryAddress(ClientSession client, Message r) {
        String dn = RequestChecks.thisDn(r);
        var number = directory.find(dn).orElseThrow(() -> new CtiRequestException(ErrorCode.NOT_CONFIGURED,
                "DN " + dn + " is not configured on this server"));
        Map<String, Object> callsOfDn = new LinkedHashMap<>();
        for (CallRecord record : calls.callsOf(dn)) {
            callsOfDn.put(record.connId(), record.partyStates().get(dn));
        }
        KeyValueList extensions = snapshots.extensions(dn, reporter.current(number).snapshotExtensions()).with("CALLS", new KeyValueList(callsOfDn));
        sender.send(client, Message.builder(MessageType.EVENT_ADDRESS_INFO)
                .putIfPresent(Attribute.REFERENCE_ID, r.referenceId().orElse(null))
                .put(Attribute.THIS_DN, dn)
                .put(Attribute.EXTENSIONS, extensions)
                .putIfPresent(Attribute.REASONS, RegistrationRequests.nonEmpty(snapshots.reasons(dn)))
                .build());
    }

    /** The call named by ConnID; whether ThisDN is on it is for the switch to say (its view is never behind). */
    private CallRecord call(Message r) {
        return callOf(r, Attribute.CONN_ID);
    }

    private CallRecord callOf(Message r, Attribute attribute) {
        String connId = required(r, attribute);
        return calls.byConnId(connId).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_CONN_ID,
                attribute.wireName() + " " + connId + " is not a call on this server"));
    }

    /** The call named by ConnID, which ThisDN must be on (for requests this server answers itself). */
    private CallRecord callWithParty(Message r) {
        CallRecord record = call(r);
        String dn = RequestChecks.thisDn(r);
        if (!record.hasParty(dn)) {
            throw new CtiRequestException(ErrorCode.INVALID_CONN_ID, "DN " + dn + " is not on the call " + record.connId());
        }
        return record;
    }

    private static String otherDn(Message r) {
        return required(r, Attribute.OTHER_DN);
    }

    private static String required(Message r, Attribute attribute) {
        return r.string(attribute).filter(s -> !s.isBlank()).orElseThrow(() -> new CtiRequestException(ErrorCode.INVALID_ATTRIBUTE,
                r.name() + " requires " + attribute.wireName()));
    }
}
