package io.tandem.server.call;

import io.tandem.server.core.ClientSession;
import java.util.HashMap;
import java.util.Map;

/**
 * Call requests sent to the switch and not yet answered, by correlation. The first call event a request
 * causes on the requester's DN carries the request's ReferenceID in the requester's copy. Core thread only.
 */
public final class PendingCallRequests {

    /** One pending request. */
    public static final class Pending {
        final ClientSession client;
        final Long referenceId;
        final String dn;
        final String copyUserDataFrom;
        boolean answered;

        Pending(ClientSession client, Long referenceId, String dn, String copyUserDataFrom) {
            this.client = client;
            this.referenceId = referenceId;
            this.dn = dn;
            this.copyUserDataFrom = copyUserDataFrom;
        }
    }

    private final Map<Long, Pending> pending = new HashMap<>();
    private long nextCorrelation = 1;

    /** Registers a request; returns its correlation. */
    public long add(ClientSession client, Long referenceId, String dn, String copyUserDataFrom) {
        long correlation = nextCorrelation++;
        pending.put(correlation, new Pending(client, referenceId, dn, copyUserDataFrom));
        return correlation;
    }

    /** The pending request with {@code correlation}, or null. */
    Pending get(long correlation) {
        return correlation == 0 ? null : pending.get(correlation);
    }

    /** Removes and returns the request with {@code correlation}. */
    public Pending remove(long correlation) {
        return pending.remove(correlation);
    }
}
