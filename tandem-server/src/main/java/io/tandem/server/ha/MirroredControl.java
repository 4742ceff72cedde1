package io.tandem.server.ha;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The backup's copy of the primary's {@link ControlJournal}. Core thread only. */
public final class MirroredControl {

    private final Map<String, TerminalControl> controls = new LinkedHashMap<>();
    private long sequence;

    /** Replaces everything with a full synchronization ending at {@code atSequence}. */
    public void replace(Collection<TerminalControl> terminals, long atSequence) {
        controls.clear();
        terminals.forEach(t -> controls.put(t.dn(), t));
        sequence = atSequence;
    }

    /** Applies one change. */
    public void apply(SyncMessage change) {
        if (change instanceof SyncMessage.Control c) {
            controls.put(c.terminal().dn(), c.terminal());
            sequence = c.sequence();
        } else if (change instanceof SyncMessage.Released r) {
            controls.remove(r.dn());
            sequence = r.sequence();
        }
    }

    /** The mirrored control of {@code dn}. */
    public Optional<TerminalControl> get(String dn) {
        return Optional.ofNullable(controls.get(dn));
    }

    /** Every mirrored terminal. */
    public List<TerminalControl> all() {
        return List.copyOf(controls.values());
    }

    /** How many terminals are mirrored. */
    public int size() {
        return controls.size();
    }

    /** The sequence number of the last change applied. */
    public long sequence() {
        return sequence;
    }
}
