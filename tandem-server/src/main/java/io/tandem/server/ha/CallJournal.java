package io.tandem.server.ha;

import io.tandem.server.call.CallRecord;
import io.tandem.server.call.CallRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ConnID and UserData of every live call, as this server's {@link CallRegistry} has them, and the stream
 * of their changes that a following backup receives ({@code call} and {@code callEnded}). Kept in either
 * role, so that a backup promoted to primary can synchronize the next backup. Core thread only.
 */
public final class CallJournal implements CallRegistry.Watcher {

    private final Clock clock;
    private final Map<Long, LiveCall> calls = new LinkedHashMap<>();
    private final List<Consumer<SyncMessage>> followers = new ArrayList<>();

    /** A journal stamping changes with {@code clock}. */
    public CallJournal(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void changed(CallRecord record) {
        LiveCall now = new LiveCall(record.callId(), record.connId(), record.userData());
        if (now.equals(calls.put(record.callId(), now))) {
            return;
        }
        publish(new SyncMessage.Call(now, clock.millis()));
    }

    @Override
    public void ended(long callId) {
        if (calls.remove(callId) != null) {
            publish(new SyncMessage.CallEnded(callId, clock.millis()));
        }
    }

    private void publish(SyncMessage change) {
        if (!followers.isEmpty()) {
            List.copyOf(followers).forEach(f -> f.accept(change));
        }
    }

    /** Every live call. */
    public List<LiveCall> snapshot() {
        return List.copyOf(calls.values());
    }

    /** How many calls are live. */
    public int size() {
        return calls.size();
    }

    /** Sends every later change to {@code follower}; the returned action stops that. */
    public Runnable follow(Consumer<SyncMessage> follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }
}
