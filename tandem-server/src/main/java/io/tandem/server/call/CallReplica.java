package io.tandem.server.call;

import io.tandem.server.ha.ReplicatedPart;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The ConnID and UserData of every live call, replicated to the backup (the part "calls"). The backup sees the calls
 * themselves on its own switch link; it adopts the primary's ConnID and UserData for each ({@link CallRegistry#adopt}),
 * as they arrive, so that a call keeps them after a switchover and nothing is left to do at takeover. Kept in either
 * role, so that a promoted backup synchronizes the next one. Core thread only.
 */
public final class CallReplica extends ReplicatedPart<LiveCall, CallReplica.Change> implements CallRegistry.Watcher {

    /**
     * One change of a live call.
     *
     * @param callId the switch call ID
     * @param call the call's ConnID and UserData now (it is new, or its UserData changed), or null when it ended
     */
    public record Change(long callId, LiveCall call) {
    }

    private final CallRegistry registry;
    private final Map<Long, LiveCall> calls = new LinkedHashMap<>();
    private final Map<Long, LiveCall> mirror = new LinkedHashMap<>();

    /** The replica of {@code registry}'s calls; it watches the registry from now on. */
    public CallReplica(CallRegistry registry) {
        super("calls", LiveCall.class, Change.class);
        this.registry = registry;
        registry.setWatcher(this);
    }

    @Override
    public void changed(CallRecord record) {
        LiveCall now = new LiveCall(record.callId(), record.connId(), record.userData());
        if (!now.equals(calls.put(record.callId(), now))) {
            publish(new Change(record.callId(), now));
        }
    }

    @Override
    public void ended(long callId) {
        if (calls.remove(callId) != null) {
            publish(new Change(callId, null));
        }
    }

    @Override
    public List<LiveCall> snapshot() {
        return List.copyOf(calls.values());
    }

    @Override
    public int size() {
        return calls.size();
    }

    /** Adopts every call of the primary's; a call adopted before and missing now ended meanwhile. */
    @Override
    public void replaceMirror(List<LiveCall> items) {
        Set<Long> gone = new HashSet<>(mirror.keySet());
        mirror.clear();
        for (LiveCall call : items) {
            gone.remove(call.callId());
            adopt(call);
        }
        gone.forEach(registry::forgetAdopted);
    }

    @Override
    public void applyToMirror(Change change) {
        if (change.call() == null) {
            mirror.remove(change.callId());
            registry.forgetAdopted(change.callId());
        } else {
            adopt(change.call());
        }
    }

    private void adopt(LiveCall call) {
        mirror.put(call.callId(), call);
        registry.adopt(call.callId(), call.connId(), call.userData());
    }

    @Override
    public int mirrored() {
        return mirror.size();
    }

    @Override
    public CompletableFuture<String> takeOver() {
        int kept = mirror.size();
        mirror.clear();
        return CompletableFuture.completedFuture(kept + " live calls keep their ConnID and UserData");
    }
}
