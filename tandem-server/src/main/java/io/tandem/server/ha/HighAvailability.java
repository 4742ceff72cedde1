package io.tandem.server.ha;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tandem.server.dn.DirectoryNumber;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's part in a primary/backup pair: its role, the sync port it listens on, and, as backup, its
 * connection to the primary. The journal (primary) and the mirror (backup) live on the core thread; the
 * Netty handlers hand everything to it. Health figures are readable from any thread.
 */
public final class HighAvailability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HighAvailability.class);

    /** Terminals per fullSync batch. */
    static final int BATCH = 500;
    /**
     * Claims asked again quickly after losing the primary before falling back to reconnecting: a killed
     * primary's switch link may close a moment after its sync link.
     */
    static final int QUICK_CLAIMS = 10;
    /** The delay between quick claims. */
    static final long QUICK_CLAIM_DELAY_MS = 50;
    /** Bytes queued for a backup beyond which it is dropped as too slow. */
    static final int MAX_QUEUED_BYTES = 64 << 20;

    private final HaSettings settings;
    private final String serverName;
    private final Clock clock;
    private final Executor core;
    private final ControlJournal journal;
    private final MirroredControl mirror = new MirroredControl();
    private final CallJournal callJournal;
    private io.tandem.server.call.CallRegistry callRegistry;
    private volatile HaRole role;
    private volatile SyncState state;
    private volatile int backupsFollowing;
    private volatile int terminals;
    private volatile long sequence;
    private volatile long lastFullSyncAt;
    private volatile long lagMillis;
    private volatile String lastProblem;
    private volatile int boundPort = -1;
    private volatile boolean closed;
    private volatile boolean holdsPrimaryRole;
    private volatile long lastSwitchoverAt;
    private volatile long lastSwitchoverMillis = -1;
    private volatile int switchovers;
    private volatile long steppedDownAt = Long.MIN_VALUE;
    private long peerLostAt;
    private int quickClaims;
    private Channel listener;
    private Bootstrap backupBootstrap;
    private final java.util.Set<Channel> backupChannels = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Supplier<Optional<SwitchLink>> link = Optional::empty;
    private java.util.function.Function<List<TerminalControl>, CompletableFuture<Integer>> takeOver =
            all -> CompletableFuture.completedFuture(0);
    private Consumer<HaRole> roleChanged = r -> { };
    private Consumer<HaRole> roleSettled = r -> { };
    private volatile HaRole reportedRole = HaRole.BACKUP;

    /** The pair membership of server {@code serverName}, whose core thread is {@code core}. */
    public HighAvailability(HaSettings settings, String serverName, Clock clock, Executor core) {
        this.settings = settings;
        this.serverName = serverName;
        this.clock = clock;
        this.core = core;
        this.journal = new ControlJournal(clock);
        this.callJournal = new CallJournal(clock);
        this.role = settings.role();
        this.state = settings.paired() ? (role == HaRole.PRIMARY ? SyncState.PEER_LOST : SyncState.CONNECTING) : SyncState.STANDALONE;
    }

    /**
     * Connects this pair membership to the core: {@code link} gives the current switch link, and
     * {@code takeOver} re-activates the mirrored terminals on promotion, completing with how many were
     * extended again; {@code roleChanged} hears every change of the {@linkplain #reportedRole() reported role}, and
     * {@code roleSettled} every time the switch settles this server's role (it confirmed or refused the claim,
     * a takeover, a step-down), changed or not (core thread). Called once, before
     * {@link #start}.
     */
    public void attach(Supplier<Optional<SwitchLink>> link,
            java.util.function.Function<List<TerminalControl>, CompletableFuture<Integer>> takeOver, Consumer<HaRole> roleChanged,
            Consumer<HaRole> roleSettled) {
        this.roleSettled = roleSettled;
        this.link = link;
        this.takeOver = takeOver;
        this.roleChanged = roleChanged;
    }

    /**
     * Connects the core's live calls: their ConnIDs and UserData go to following backups, and as backup this
     * server gives its calls the primary's. Called once, before {@link #start}.
     */
    public void attachCalls(io.tandem.server.call.CallRegistry calls) {
        this.callRegistry = calls;
        calls.setWatcher(callJournal);
    }

    /** Opens the sync port on {@code host} and, as backup, starts connecting to the primary. */
    public void start(String host, EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        start(host, boss, workers, null, null);
    }

    /**
     * As {@link #start(String, EventLoopGroup, EventLoopGroup)}, the sync port over TLS with {@code serverTls} and the
     * connection to the primary over TLS with {@code clientTls} (verifying that its certificate names the peer host);
     * either may be null for plain TCP.
     */
    public void start(String host, EventLoopGroup boss, EventLoopGroup workers, io.netty.handler.ssl.SslContext serverTls,
            io.netty.handler.ssl.SslContext clientTls) throws InterruptedException {
        if (!settings.paired()) {
            return;
        }
        if (settings.secret() == null) {
            throw new IllegalStateException("a primary/backup pair needs a shared secret for its sync link (--sync-secret-file FILE or "
                    + "TANDEM_SYNC_SECRET, the same on both servers, at least " + HaSettings.MIN_SECRET_LENGTH + " characters)");
        }
        io.tandem.common.net.ConnectionLimiter limiter = new io.tandem.common.net.ConnectionLimiter("sync",
                io.tandem.common.net.ConnectionLimits.SYNC);
        listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(MAX_QUEUED_BYTES / 2, MAX_QUEUED_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(limiter);
                        if (serverTls != null) {
                            ch.pipeline().addLast(serverTls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new io.tandem.common.net.AuthenticationDeadline(
                                io.tandem.common.net.ConnectionLimits.SYNC.authenticationDeadline(), "authenticate on the sync link"));
                        SyncPipeline.build(ch.pipeline(), settings, new PrimarySession(HighAvailability.this));
                    }
                })
                .bind(host, settings.syncPort()).sync().channel();
        boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("sync link listening on port {} ({}; peer {})", boundPort, role.wireName(), peer());
        if (settings.peerHost() != null) {
            backupBootstrap = new Bootstrap().group(workers).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.heartbeatTimeout().toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (clientTls != null) {
                                ch.pipeline().addLast(io.tandem.common.net.TlsConfig.clientHandler(clientTls, ch.alloc(), settings.peerHost(),
                                        settings.peerPort()));
                            }
                            SyncPipeline.build(ch.pipeline(), settings, new BackupSession(HighAvailability.this));
                        }
                    });
            if (role == HaRole.BACKUP) {
                connectToPrimary();
            }
        }
    }

    private void connectToPrimary() {
        if (closed) {
            return;
        }
        state = SyncState.CONNECTING;
        backupBootstrap.connect(settings.peerHost(), settings.peerPort()).addListener(f -> {
            if (!f.isSuccess()) {
                problem("cannot reach the primary's sync port " + peer() + ": " + f.cause().getMessage());
                state = SyncState.PEER_LOST;
                core.execute(this::tryTakeOver);
            }
        });
    }

    private void reconnectLater() {
        if (!closed && role == HaRole.BACKUP) {
            backupBootstrap.config().group().schedule(this::connectToPrimary, settings.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    // ---- the primary role, decided by the switch ----

    /**
     * The switch link came up. A server in the primary role claims it from the switch before anything else
     * goes over the link (the switch handles a link's requests in order). Core thread.
     */
    public void linkUp(SwitchLink up) {
        if (!settings.paired() || role != HaRole.PRIMARY) {
            return;
        }
        up.claimPrimary().whenCompleteAsync((ok, error) -> {
            if (error == null) {
                holdsPrimaryRole = true;
                LOG.info("the switch confirms this server as primary");
                report(HaRole.PRIMARY);
            } else {
                stepDown("the switch gives the primary role to another server: " + SwitchException.unwrap(error).getMessage(), false);
            }
        }, core);
    }

    /** The switch link went down: whatever role this server has, the switch no longer confirms it. Core thread. */
    public void linkDown() {
        holdsPrimaryRole = false;
    }

    /**
     * The backup lost the primary (sync link broken, or the primary unreachable). It takes over only if
     * the switch grants it the primary role, which it does only when no open link holds it: a primary that
     * is alive keeps its switch link and with it the role, so the backup keeps trying to reconnect instead.
     */
    private void tryTakeOver() {
        if (closed || role != HaRole.BACKUP) {
            return;
        }
        if (peerLostAt == 0) {
            peerLostAt = clock.millis();
        }
        Optional<SwitchLink> current = link.get();
        if (current.isEmpty() || clock.millis() < steppedDownAt + 2 * settings.heartbeatTimeout().toMillis()) {
            reconnectLater();
            return;
        }
        current.get().claimPrimary().whenCompleteAsync((ok, error) -> {
            if (error == null) {
                promote();
            } else if (quickClaims < QUICK_CLAIMS) {
                quickClaims++;
                LOG.debug("primary still holds its role; asking the switch again in {} ms", QUICK_CLAIM_DELAY_MS);
                backupBootstrap.config().group().schedule(() -> core.execute(this::tryTakeOver), QUICK_CLAIM_DELAY_MS, TimeUnit.MILLISECONDS);
            } else {
                LOG.debug("primary unreachable but still holding its role: {}", SwitchException.unwrap(error).getMessage());
                reconnectLater();
            }
        }, core);
    }

    private void promote() {
        if (role == HaRole.PRIMARY) {
            return;
        }
        long since = peerLostAt;
        role = HaRole.PRIMARY;
        holdsPrimaryRole = true;
        state = SyncState.PEER_LOST;
        report(HaRole.PRIMARY);
        List<TerminalControl> mirrored = mirror.all();
        LOG.warn("switchover: this server is now the primary; re-activating {} remote terminals", mirrored.size());
        takeOver.apply(mirrored).whenCompleteAsync((extended, error) -> {
            lastSwitchoverAt = clock.millis();
            lastSwitchoverMillis = lastSwitchoverAt - since;
            switchovers++;
            peerLostAt = 0;
            LOG.warn("switchover complete in {} ms: {} of {} remote terminals extended again", lastSwitchoverMillis, extended,
                    mirrored.size());
        }, core);
    }

    /**
     * Operator switchover: the primary gives up its role so that the backup takes over. Refused unless this
     * server is the primary and a backup is following. Core thread.
     */
    public CompletableFuture<String> switchover() {
        if (role != HaRole.PRIMARY || !settings.paired()) {
            return CompletableFuture.failedFuture(new IllegalStateException("this server is not the primary of a pair"));
        }
        if (backupsFollowing == 0) {
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
        role = HaRole.BACKUP;
        holdsPrimaryRole = false;
        report(HaRole.BACKUP);
        if (yield) {
            steppedDownAt = clock.millis();
        }
        backupChannels.forEach(Channel::close);
        if (backupBootstrap != null) {
            reconnectLater();
        } else {
            state = SyncState.PEER_LOST;
            problem("this server stepped down but has no peer configured to follow");
        }
    }

    /** Offers {@code dn}'s control to the journal after its state was reported. Core thread. */
    public void offer(DirectoryNumber dn) {
        if (dn.terminal() == null) {
            return;
        }
        journal.offer(dn);
        if (role == HaRole.PRIMARY) {
            terminals = journal.size();
            sequence = journal.sequence();
        }
    }

    // ---- primary side (called by PrimarySession) ----

    void backupReady(Channel channel, SyncMessage.BackupReady hello, String primaryNonce, Consumer<Runnable> following) {
        core.execute(() -> {
            if (!channel.isActive()) {
                return;
            }
            String refusal = refusal(hello);
            if (refusal != null) {
                problem("refused " + hello.server() + " at " + channel.remoteAddress() + ": " + refusal);
                channel.writeAndFlush(SyncCodec.encode(new SyncMessage.Refused(refusal))).addListener(f -> channel.close());
                return;
            }
            List<TerminalControl> all = journal.snapshot();
            List<LiveCall> calls = callJournal.snapshot();
            channel.write(SyncCodec.encode(new SyncMessage.PrimaryHello(serverName, SyncMessage.PROTOCOL,
                    SyncAuth.proof(settings.secret(), "primary", serverName, primaryNonce, hello.nonce()))));
            for (int i = 0; i < all.size(); i += BATCH) {
                channel.write(SyncCodec.encode(new SyncMessage.FullSync(all.subList(i, Math.min(all.size(), i + BATCH)), List.of())));
            }
            for (List<LiveCall> batch : SyncCodec.callBatches(calls, BATCH)) {
                channel.write(SyncCodec.encode(new SyncMessage.FullSync(List.of(), batch)));
            }
            channel.writeAndFlush(SyncCodec.encode(new SyncMessage.FullSyncDone(all.size(), journal.sequence(), calls.size())));
            Runnable stopControl = journal.follow(change -> forward(channel, change));
            Runnable stopCalls = callJournal.follow(change -> forward(channel, change));
            following.accept(() -> {
                stopControl.run();
                stopCalls.run();
            });
            backupChannels.add(channel);
            backupsFollowing = journal.followers();
            state = SyncState.IN_SYNC;
            LOG.info("backup {} at {} synchronized in full ({} terminals, {} live calls), following changes", hello.server(),
                    channel.remoteAddress(), all.size(), calls.size());
        });
    }

    private String refusal(SyncMessage.BackupReady hello) {
        if (role != HaRole.PRIMARY) {
            return "server " + serverName + " is a backup too; a backup synchronizes only from the primary";
        }
        if (hello.protocol() != SyncMessage.PROTOCOL) {
            return "sync protocol " + hello.protocol() + " is not supported; this server speaks " + SyncMessage.PROTOCOL;
        }
        return null;
    }

    private void forward(Channel channel, SyncMessage change) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            problem("backup at " + channel.remoteAddress() + " does not keep up (" + MAX_QUEUED_BYTES + " bytes queued); dropping it");
            channel.close();
            return;
        }
        channel.writeAndFlush(SyncCodec.encode(change));
    }

    void backupGone(Channel channel, Supplier<Runnable> stopFollowing) {
        backupChannels.remove(channel);
        core.execute(() -> {
            Runnable stop = stopFollowing.get();
            if (stop != null) {
                stop.run();
                LOG.warn("backup at {} stopped following", channel.remoteAddress());
            }
            backupsFollowing = journal.followers();
            if (role == HaRole.PRIMARY && backupsFollowing == 0) {
                state = SyncState.PEER_LOST;
            }
        });
    }

    // ---- backup side (called by BackupSession) ----

    void synchronizing() {
        state = SyncState.SYNCHRONIZING;
    }

    void fullSyncDone(List<TerminalControl> all, List<LiveCall> calls, long atSequence) {
        core.execute(() -> {
            peerLostAt = 0;
            quickClaims = 0;
            mirror.replace(all, atSequence);
            calls.forEach(this::adopt);
            terminals = all.size();
            sequence = atSequence;
            lastFullSyncAt = clock.millis();
            state = SyncState.IN_SYNC;
            LOG.info("synchronized in full from the primary at {}: {} terminals, {} live calls", peer(), all.size(), calls.size());
        });
    }

    void changeArrived(SyncMessage change) {
        core.execute(() -> {
            long sentAt;
            if (change instanceof SyncMessage.Call c) {
                adopt(c.call());
                sentAt = c.sentAt();
            } else if (change instanceof SyncMessage.CallEnded ended) {
                if (callRegistry != null) {
                    callRegistry.forgetAdopted(ended.callId());
                }
                sentAt = ended.sentAt();
            } else {
                mirror.apply(change);
                terminals = mirror.size();
                sequence = mirror.sequence();
                sentAt = change instanceof SyncMessage.Control c ? c.sentAt() : ((SyncMessage.Released) change).sentAt();
            }
            lagMillis = Math.max(0, clock.millis() - sentAt);
        });
    }

    private void adopt(LiveCall call) {
        if (callRegistry != null && role == HaRole.BACKUP) {
            callRegistry.adopt(call.callId(), call.connId(), call.userData());
        }
    }

    void primaryGone() {
        if (!closed && role == HaRole.BACKUP) {
            state = SyncState.PEER_LOST;
            LOG.warn("sync link to the primary at {} lost", peer());
            core.execute(this::tryTakeOver);
        }
    }

    void problem(String problem) {
        lastProblem = problem;
        LOG.warn("sync link: {}", problem);
    }

    // ---- accessors ----

    /** The mirror of the primary's journal (backup). Core thread. */
    public MirroredControl mirror() {
        return mirror;
    }

    /** This server's journal (primary). Core thread. */
    public ControlJournal journal() {
        return journal;
    }

    /** The current role. Any thread. */
    public HaRole role() {
        return role;
    }

    /**
     * The role this server tells clients (ServerRole in EventServerConnected, EventPrimaryChanged): a server
     * of a pair says "primary" only once the switch has confirmed it, so a restarted old primary that is
     * about to step down never presents itself as primary. A standalone server is always primary. Any thread.
     */
    public HaRole reportedRole() {
        return settings.paired() ? reportedRole : HaRole.PRIMARY;
    }

    private void report(HaRole newRole) {
        if (reportedRole != newRole) {
            reportedRole = newRole;
            roleChanged.accept(newRole);
        }
        roleSettled.accept(newRole);
    }

    /**
     * Whether this server may act on the switch now: while it is the primary (in a pair: once the switch has
     * confirmed it). The switch fences the rest:
     * once one link of an application user holds the primary role, it refuses every verb from that user's
     * other links (PRIMARY_HELD), so a server that wrongly believes it is primary changes nothing. Any thread.
     */
    public boolean actsOnSwitch() {
        return role == HaRole.PRIMARY && (!settings.paired() || reportedRole == HaRole.PRIMARY);
    }

    /**
     * Whether this server is in the primary role but the switch has not yet confirmed it (the claim is
     * pending, or the switch link is not up yet): activations wait until the role is settled. Any thread.
     */
    public boolean roleUnsettled() {
        return settings.paired() && role == HaRole.PRIMARY && reportedRole != HaRole.PRIMARY;
    }

    /** Health figures. Any thread. */
    public SyncLinkStatus status() {
        return new SyncLinkStatus(role, state, peer(), boundPort, backupsFollowing, terminals, sequence, lastFullSyncAt, lagMillis, lastProblem,
                holdsPrimaryRole, switchovers, lastSwitchoverAt, lastSwitchoverMillis);
    }

    /** The port the sync link listens on, or -1. */
    public int syncPort() {
        return boundPort;
    }

    HaSettings settings() {
        return settings;
    }

    Clock clock() {
        return clock;
    }

    String serverName() {
        return serverName;
    }

    private String peer() {
        return settings.peerHost() == null ? null : settings.peerHost() + ":" + settings.peerPort();
    }

    @Override
    public void close() {
        closed = true;
        backupChannels.forEach(Channel::close);
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
