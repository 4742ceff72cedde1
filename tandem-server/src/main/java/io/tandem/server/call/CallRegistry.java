package io.tandem.server.call;

import io.tandem.switchlink.CallKind;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The live calls, by switch call ID and by ConnID. Core thread only. */
public final class CallRegistry {

    private final ConnIdAllocator connIds;
    private final Map<Long, CallRecord> byCallId = new LinkedHashMap<>();
    private final Map<String, CallRecord> byConnId = new HashMap<>();

    /** A registry allocating ConnIDs from {@code clock}'s start time. */
    public CallRegistry(Clock clock) {
        this.connIds = new ConnIdAllocator(clock);
    }

    /** The record of switch call {@code callId}, created with a new ConnID when first seen. */
    public CallRecord recordFor(long callId, CallKind kind) {
        return byCallId.computeIfAbsent(callId, id -> {
            CallRecord record = new CallRecord(connIds.next(), id, kind);
            byConnId.put(record.connId(), record);
            return record;
        });
    }

    /** The record of switch call {@code callId}, if known. */
    public Optional<CallRecord> byCallId(long callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    /** The record with {@code connId}, if known. */
    public Optional<CallRecord> byConnId(String connId) {
        return Optional.ofNullable(byConnId.get(connId));
    }

    /** Forgets a call that ended. */
    public void remove(long callId) {
        CallRecord record = byCallId.remove(callId);
        if (record != null) {
            byConnId.remove(record.connId());
        }
    }

    /** The calls {@code dn} is on. */
    public List<CallRecord> callsOf(String dn) {
        return byCallId.values().stream().filter(r -> r.hasParty(dn)).toList();
    }

    /** Every live call. */
    public Collection<CallRecord> all() {
        return byCallId.values();
    }

    /** Replaces the UserData of {@code record}. */
    public void setUserData(CallRecord record, io.tandem.protocol.KeyValueList data) {
        record.setUserData(data);
    }
}
