package io.tandem.server.dn;

import io.tandem.protocol.KeyValueList;
import java.util.ArrayList;
import java.util.List;

/**
 * What features add to a DN's snapshot (EventRegistered, EventAddressInfo) beyond its service state: a feature
 * registers a {@link Part} once at start-up (the agents add AGENT_ID, AGENT_STATE, AGENT_WORK_MODE and their Reasons).
 * Core thread only.
 */
public final class SnapshotParts {

    /** One feature's part of a DN's snapshot. */
    public interface Part {
        /** Extensions to add for {@code dn}; empty when the feature has nothing there. */
        KeyValueList extensions(String dn);

        /** Reasons to carry for {@code dn}; empty when none. */
        KeyValueList reasons(String dn);
    }

    private final List<Part> parts = new ArrayList<>();

    /** Adds {@code part}. */
    public void add(Part part) {
        parts.add(part);
    }

    /** {@code base} with every part's extensions for {@code dn}. */
    public KeyValueList extensions(String dn, KeyValueList base) {
        KeyValueList all = base;
        for (Part part : parts) {
            for (var e : part.extensions(dn).entries().entrySet()) {
                all = all.with(e.getKey(), e.getValue());
            }
        }
        return all;
    }

    /** Every part's Reasons for {@code dn}, merged; empty when none. */
    public KeyValueList reasons(String dn) {
        KeyValueList all = KeyValueList.EMPTY;
        for (Part part : parts) {
            for (var e : part.reasons(dn).entries().entrySet()) {
                all = all.with(e.getKey(), e.getValue());
            }
        }
        return all;
    }
}
