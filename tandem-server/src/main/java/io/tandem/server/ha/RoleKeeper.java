package io.tandem.server.ha;

import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns this server's {@link PairRole} and makes every decision that changes it: the claim of the primary role when
 * the switch link comes up (the switch decides), the takeover when the primary is lost, the operator's switchover, the
 * step-down when the switch gives the role to the other server; and, as primary, whether an arriving backup is served.
 * The state changes on the core thread only; it is readable from any thread.
 */
public final class RoleKeeper implements SyncTransport.Events {

    private static final Logger LOG = LoggerFactory.getLogger(RoleKeeper.class);

    /**
     * Claims asked again quickly after losing the primary before falling back to reconnecting: a killed primary's
     * switch link may close a moment after its sync link.
     */
    static final int QUICK_CLAIMS = 10;
    /** The delay between quick claims. */
    static final long QUICK_CLAIM_DELAY_MS = 50;

    /**
     * What the role keeper tells the rest of the server (core thread).
     *
     * @param roleChanged hears every change of the {@linkplain #reportedRole() reported role}
     * @param roleSettled hears every time the switch settles this server's role (it confirmed or refused the claim, a
     *        takeover, a step-down), changed or not
     * @param tookOver hears the end of a takeover (every part of the mirror taken over), after its {@code roleSettled}
     */
    public record Listeners(Consumer<HaRole> roleChanged, Consumer<HaRole> roleSettled, Runnable tookOver) {
    }

    private final HaSettings settings;
    private final String serverName;
    private final Clock clock;
    private final ScheduledExecutorService core;
    private final Replication replication;
    private final SyncHealth health;
    private final SyncTransport transport;
    private volatile PairRole state;
    private Supplier<Optional<SwitchLink>> link = Optional::empty;
    private Listeners listeners = new Listeners(r -> { }, r -> { }, () -> { });
    private boolean takingOver;
    private long steppedDownAt = Long.MIN_VALUE;
    private long peerLostAt;
    private int quickClaims;
    private volatile boolean closed;

    /** The role keeper of server {@code serverName}. */
    public RoleKeeper(HaSettings settings, String serverName, Clock clock, ScheduledExecutorService core, Replication replication,
            SyncHealth health, SyncTransport transport) {
        this.settings = settings;
        this.serverName = serverName;
        this.clock = clock;
        this.core = core;
        this.replication = replication;
        this.health = health;
        this.transport = transport;
        this.state = PairRole.initial(settings);
    }

    /** Connects the keeper to the current switch link and to {@code listeners}; once, before the sync link starts. */
    public void attach(Supplier<Optional<SwitchLink>> currentLink, Listeners newListeners) {
        this.link = currentLink;
        this.listeners = newListeners;
    }

    private void become(PairRole next) {
        PairRole before = state;
        state = before.checkTransition(next);
        health.switchConfirms(next == PairRole.PRIMARY);
        if (before.reported() != next.reported()) {
            listeners.roleChanged().accept(next.reported());
        }
    }

    private void settled() {
        listeners.roleSettled().accept(state.reported());
    }

    // ---- the switch decides ----

    /**
     * The switch link came up. A server in the primary role claims it from the switch before anything else goes over
     * the link (the switch handles a link's requests in order). Core thread.
     */
    public void linkUp(SwitchLink up) {
        if (state != PairRole.CLAIMING && state != PairRole.PRIMARY) {
            return;
        }
        up.claimPrimary().whenCompleteAsync((ok, error) -> {
            if (error == null) {
                LOG.info("the switch confirms this server as primary");
                if (state == PairRole.CLAIMING) {
                    become(PairRole.PRIMARY);
                }
                health.switchConfirms(true);
                settled();
            } else {
                stepDown("the switch gives the primary role to another server: " + SwitchException.unwrap(error).getMessage(), false);
            }
        }, core);
    }

    /** The switch link went down: whatever role this server has, the switch no longer confirms it. Core thread. */
    public void linkDown() {
        health.switchConfirms(false);
    }

    @Override
    public void primaryLost() {
        if (closed || state != PairRole.BACKUP) {
            return;
        }
        if (peerLostAt == 0) {
            peerLostAt = clock.millis();
        }
        Optional<SwitchLink> current = link.get();
        if (current.isEmpty() || clock.millis() < steppedDownAt + 2 * settings.heartbeatTimeout().toMillis()) {
            transport.reconnectLater();
            return;
        }
        current.get().claimPrimary().whenCompleteAsync((ok, error) -> {
            if (error == null) {
                promote();
            } else if (quickClaims < QUICK_CLAIMS) {
                quickClaims++;
                LOG.debug("primary still holds its role; asking the switch again in {} ms", QUICK_CLAIM_DELAY_MS);
                core.schedule(this::primaryLost, QUICK_CLAIM_DELAY_MS, TimeUnit.MILLISECONDS);
            } else {
                LOG.debug("primary unreachable but still holding its role: {}", SwitchException.unwrap(error).getMessage());
                transport.reconnectLater();
            }
        }, core);
    }

    private void promote() {
        if (state != PairRole.BACKUP) {
            return;
        }
        long since = peerLostAt;
        become(PairRole.PRIMARY);
        health.state(SyncState.PEER_LOST);
        takingOver = true;
        settled();
        LOG.warn("switchover: this server is now the primary; taking over {}", replication.figures().sizes());
        replication.takeOver().whenCompleteAsync((done, error) -> {
            health.tookOver(since);
            peerLostAt = 0;
            takingOver = false;
            LOG.warn("switchover complete in {} ms: {}", health.lastSwitchoverMillis(), error == null ? String.join("; ", done) : error.toString());
            listeners.tookOver().run();
        }, core);
    }

    @Override
    public void synchronizedWithPrimary() {
        peerLostAt = 0;
        quickClaims = 0;
    }

    /**
     * Operator switchover: the primary gives up its role so that the backup takes over. Refused unless this server is
     * the primary and a backup is following. Core thread.
     */
    public CompletableFuture<String> switchover() {
        if (state != PairRole.PRIMARY && state != PairRole.CLAIMING) {
            return CompletableFuture.failedFuture(new IllegalStateException("this server is not the primary of a pair"));
        }
        if (replication.figures().followers() == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no backup is following; a switchover would leave no primary"));
        }
        Optional<SwitchLink> current = link.get();
        if (current.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the switch link is down"));
        }
        stepDown("operator switchover", true);
        return current.get().releasePrimary().thenApply(v -> "switchover started: " + serverName + " is now the backup");
    }

    private void stepDown(String reason, boolean yield) {
        LOG.warn("stepping down to backup: {}", reason);
        if (state != PairRole.BACKUP) {
            become(PairRole.BACKUP);
        }
        settled();
        if (yield) {
            steppedDownAt = clock.millis();
        }
        transport.dropBackups();
        if (transport.hasPeer()) {
            transport.reconnectLater();
        } else {
            health.state(SyncState.PEER_LOST);
            health.problem("this server stepped down but has no peer configured to follow");
        }
    }

    // ---- backups ----

    @Override
    public void backupArrived(SyncTransport.Follower follower) {
        if (state.role() != HaRole.PRIMARY) {
            follower.refuse("server " + serverName + " is a backup too; a backup synchronizes only from the primary");
            return;
        }
        follower.welcome();
        Runnable stop = replication.serve(follower::send);
        health.state(SyncState.IN_SYNC);
        LOG.info("backup {} synchronized in full ({}), following changes", follower.server(), replication.figures().sizes());
        follower.whenGone(() -> {
            stop.run();
            LOG.warn("backup {} stopped following", follower.server());
            if (state.role() == HaRole.PRIMARY && replication.figures().followers() == 0) {
                health.state(SyncState.PEER_LOST);
            }
        });
    }

    // ---- reading ----

    /** The state. Any thread. */
    public PairRole state() {
        return state;
    }

    /** The role clients are told: see {@link PairRole#reported()}. Any thread. */
    public HaRole reportedRole() {
        return state.reported();
    }

    /**
     * Whether this server may act on the switch now. The switch fences the rest: once one link of an application user
     * holds the primary role, it refuses every verb from that user's other links (PRIMARY_HELD), so a server that
     * wrongly believes it is primary changes nothing. Any thread.
     */
    public boolean actsOnSwitch() {
        return state.actsOnSwitch();
    }

    /** Whether a takeover is under way: promoted, and not every part of the mirror taken over yet. Core thread. */
    public boolean takingOver() {
        return takingOver;
    }

    /** Whether this server waits for the switch to confirm its claim: activations wait until the role is settled. Any thread. */
    public boolean roleUnsettled() {
        return state == PairRole.CLAIMING;
    }

    /** Stops deciding (the server is closing). Any thread. */
    void close() {
        closed = true;
    }
}
