package io.tandem.server.ha;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health figures of this server's pair membership that the transport and the role keeper record as things happen:
 * where the sync link stands, its last problem, the lag of the changes applied, the switch's confirmation and the
 * takeovers. Written and read from any thread; {@link #status} combines them with the role and the replication's
 * figures.
 */
public final class SyncHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SyncHealth.class);

    private final Clock clock;
    private final String peer;
    private volatile SyncState state;
    private volatile int syncPort = -1;
    private volatile long lastFullSyncAt;
    private volatile long lagMillis;
    private volatile String lastProblem;
    private volatile boolean switchConfirms;
    private volatile int switchovers;
    private volatile long lastSwitchoverAt;
    private volatile long lastSwitchoverMillis = -1;

    /** The health of a member with {@code settings}, timed by {@code clock}. */
    public SyncHealth(HaSettings settings, Clock clock) {
        this.clock = clock;
        this.peer = settings.peerHost() == null ? null : settings.peerHost() + ":" + settings.peerPort();
        this.state = settings.paired() ? (settings.role() == HaRole.PRIMARY ? SyncState.PEER_LOST : SyncState.CONNECTING) : SyncState.STANDALONE;
    }

    /** The sync link now stands at {@code newState}. */
    public void state(SyncState newState) {
        state = newState;
    }

    /** Where the sync link stands. */
    public SyncState state() {
        return state;
    }

    /** The sync port is bound to {@code port}. */
    void listening(int port) {
        syncPort = port;
    }

    /** The port the sync link listens on, or -1. */
    public int syncPort() {
        return syncPort;
    }

    /** The peer's address, or null. */
    public String peer() {
        return peer;
    }

    /** Records why the link broke or was refused, and logs it. */
    public void problem(String problem) {
        lastProblem = problem;
        LOG.warn("sync link: {}", problem);
    }

    /** A full synchronization was applied. */
    void synchronizedInFull() {
        lastFullSyncAt = clock.millis();
        state = SyncState.IN_SYNC;
    }

    /** A change the primary sent at {@code sentAt} was applied now. */
    void applied(long sentAt) {
        lagMillis = Math.max(0, clock.millis() - sentAt);
    }

    /** Whether the switch confirms this server as primary now. */
    void switchConfirms(boolean confirms) {
        switchConfirms = confirms;
    }

    /** A takeover that started at {@code since} (epoch ms) completed now. */
    void tookOver(long since) {
        lastSwitchoverAt = clock.millis();
        lastSwitchoverMillis = lastSwitchoverAt - since;
        switchovers++;
    }

    /** How long the last takeover took, in ms; -1 if none. */
    long lastSwitchoverMillis() {
        return lastSwitchoverMillis;
    }

    /** The figures as health reports show them, with {@code role} and the replication's {@code figures}. */
    public SyncLinkStatus status(HaRole role, Replication.Figures figures) {
        return new SyncLinkStatus(role, state, peer, syncPort, figures.followers(), figures.sizes(), figures.sequence(), lastFullSyncAt,
                lagMillis, lastProblem, switchConfirms, switchovers, lastSwitchoverAt, lastSwitchoverMillis);
    }
}
