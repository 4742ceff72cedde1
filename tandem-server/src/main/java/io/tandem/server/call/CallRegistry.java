package io.tandem.server.call;

import io.tandem.protocol.KeyValueList;
import io.tandem.switchlink.CallKind;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live calls, by switch call ID and by ConnID. A backup server takes the ConnID and UserData of each
 * call from the primary ({@link #adopt}), so that the calls keep them after a switchover. Core thread only.
 */
public final class CallRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CallRegistry.class);
    /** At most this many calls the primary told about and this server has not seen (yet) are remembered. */
    static final int MAX_ADOPTED = 100_000;

    /** Hears about every call's ConnID and UserData, as they are set, and about the end of each call. */
    public interface Watcher {
        /** {@code record} was created, or its ConnID or UserData changed. */
        void changed(CallRecord record);

        /** Switch call {@code callId} ended. */
        void ended(long callId);
    }

    private record Adopted(String connId, KeyValueList userData) {
    }

    private final ConnIdAllocator connIds;
    private final Map<Long, CallRecord> byCallId = new LinkedHashMap<>();
    private final Map<String, CallRecord> byConnId = new HashMap<>();
    private final Map<Long, Adopted> adopted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Adopted> eldest) {
            return size() > MAX_ADOPTED;
        }
    };
    private Watcher watcher = new Watcher() {
        @Override
        public void changed(CallRecord record) {
        }

        @Override
        public void ended(long callId) {
        }
    };

    /** A registry allocating ConnIDs from {@code clock}'s start time. */
    public CallRegistry(Clock clock) {
        this.connIds = new ConnIdAllocator(clock);
    }

    /** Tells {@code newWatcher} about every change from now on (the HA sync). */
    public void setWatcher(Watcher newWatcher) {
        this.watcher = newWatcher;
    }

    /**
     * The record of switch call {@code callId}, created when first seen: with the ConnID and UserData the
     * primary gave it if it did, else with a new ConnID.
     */
    public CallRecord recordFor(long callId, CallKind kind) {
        CallRecord existing = byCallId.get(callId);
        if (existing != null) {
            return existing;
        }
        Adopted given = adopted.remove(callId);
        CallRecord record = new CallRecord(given != null ? given.connId() : connIds.next(), callId, kind);
        if (given != null) {
            record.setUserData(given.userData());
        }
        byCallId.put(callId, record);
        byConnId.put(record.connId(), record);
        watcher.changed(record);
        return record;
    }

    /**
     * The primary says switch call {@code callId} has {@code connId} and {@code userData}: the record takes
     * them, or gets them when this server first sees the call.
     */
    public void adopt(long callId, String connId, KeyValueList userData) {
        CallRecord record = byCallId.get(callId);
        if (record == null) {
            adopted.put(callId, new Adopted(connId, userData));
            return;
        }
        if (!record.connId().equals(connId)) {
            CallRecord holder = byConnId.get(connId);
            if (holder != null && holder != record) {
                LOG.warn("the primary's ConnID {} for call {} is already call {} here; keeping {}", connId, callId, holder.callId(),
                        record.connId());
            } else {
                byConnId.remove(record.connId());
                record.setConnId(connId);
                byConnId.put(connId, record);
            }
        }
        record.setUserData(userData);
        watcher.changed(record);
    }

    /** The primary says switch call {@code callId} ended. */
    public void forgetAdopted(long callId) {
        adopted.remove(callId);
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
        adopted.remove(callId);
        CallRecord record = byCallId.remove(callId);
        if (record != null) {
            byConnId.remove(record.connId());
            watcher.ended(callId);
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
    public void setUserData(CallRecord record, KeyValueList data) {
        record.setUserData(data);
        watcher.changed(record);
    }
}
