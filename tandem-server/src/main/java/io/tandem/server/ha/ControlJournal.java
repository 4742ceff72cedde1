package io.tandem.server.ha;

import io.tandem.server.dn.DirectoryNumber;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The primary's record of who controls which remote terminal, and the stream of its changes that a
 * following backup receives. Every DN state report offers the DN here; only real changes are published,
 * each with the next sequence number. Core thread only.
 */
public final class ControlJournal {

    private final Clock clock;
    private final Map<String, TerminalControl> controls = new LinkedHashMap<>();
    private final List<Consumer<SyncMessage>> followers = new ArrayList<>();
    private long sequence;

    /** A journal stamping changes with {@code clock}. */
    public ControlJournal(Clock clock) {
        this.clock = clock;
    }

    /** Records {@code dn}'s control as it is now and publishes it if it changed. */
    public void offer(DirectoryNumber dn) {
        TerminalControl now = TerminalControl.of(dn).orElse(null);
        if (Objects.equals(controls.get(dn.number()), now)) {
            return;
        }
        sequence++;
        SyncMessage change;
        if (now == null) {
            controls.remove(dn.number());
            change = new SyncMessage.Released(dn.number(), sequence, clock.millis());
        } else {
            controls.put(dn.number(), now);
            change = new SyncMessage.Control(now, sequence, clock.millis());
        }
        List.copyOf(followers).forEach(f -> f.accept(change));
    }

    /** Every controlled terminal, in the order control was first taken. */
    public List<TerminalControl> snapshot() {
        return List.copyOf(controls.values());
    }

    /** How many terminals are under a client's control. */
    public int size() {
        return controls.size();
    }

    /** The sequence number of the latest change. */
    public long sequence() {
        return sequence;
    }

    /** Sends every later change to {@code follower}; the returned action stops that. */
    public Runnable follow(Consumer<SyncMessage> follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    /** How many followers there are. */
    public int followers() {
        return followers.size();
    }
}
