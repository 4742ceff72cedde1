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
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
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
    /** Bytes queued for a backup beyond which it is dropped as too slow. */
    static final int MAX_QUEUED_BYTES = 64 << 20;

    private final HaSettings settings;
    private final String serverName;
    private final Clock clock;
    private final Executor core;
    private final ControlJournal journal;
    private final MirroredControl mirror = new MirroredControl();
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
    private Channel listener;
    private Bootstrap backupBootstrap;

    /** The pair membership of server {@code serverName}, whose core thread is {@code core}. */
    public HighAvailability(HaSettings settings, String serverName, Clock clock, Executor core) {
        this.settings = settings;
        this.serverName = serverName;
        this.clock = clock;
        this.core = core;
        this.journal = new ControlJournal(clock);
        this.role = settings.role();
        this.state = settings.paired() ? (role == HaRole.PRIMARY ? SyncState.PEER_LOST : SyncState.CONNECTING) : SyncState.STANDALONE;
    }

    /** Opens the sync port on {@code host} and, as backup, starts connecting to the primary. */
    public void start(String host, EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        if (!settings.paired()) {
            return;
        }
        listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(MAX_QUEUED_BYTES / 2, MAX_QUEUED_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SyncPipeline.build(ch.pipeline(), settings, new PrimarySession(HighAvailability.this));
                    }
                })
                .bind(host, settings.syncPort()).sync().channel();
        boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        LOG.info("sync link listening on port {} ({}; peer {})", boundPort, role.wireName(), peer());
        if (role == HaRole.BACKUP && settings.peerHost() != null) {
            backupBootstrap = new Bootstrap().group(workers).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.heartbeatTimeout().toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SyncPipeline.build(ch.pipeline(), settings, new BackupSession(HighAvailability.this, HighAvailability.this::reconnectLater));
                        }
                    });
            connectToPrimary();
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
                reconnectLater();
            }
        });
    }

    private void reconnectLater() {
        if (!closed) {
            backupBootstrap.config().group().schedule(this::connectToPrimary, settings.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Offers {@code dn}'s control to the journal after its state was reported. Core thread. */
    public void offer(DirectoryNumber dn) {
        if (dn.terminal() == null) {
            return;
        }
        journal.offer(dn);
        if (role == HaRole.PRIMARY) {
            terminals = journal.snapshot().size();
            sequence = journal.sequence();
        }
    }

    // ---- primary side (called by PrimarySession) ----

    void backupReady(Channel channel, SyncMessage.BackupReady hello, Consumer<Runnable> following) {
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
            channel.write(SyncCodec.encode(new SyncMessage.PrimaryHello(serverName, SyncMessage.PROTOCOL)));
            for (int i = 0; i < all.size(); i += BATCH) {
                channel.write(SyncCodec.encode(new SyncMessage.FullSync(all.subList(i, Math.min(all.size(), i + BATCH)))));
            }
            channel.writeAndFlush(SyncCodec.encode(new SyncMessage.FullSyncDone(all.size(), journal.sequence())));
            following.accept(journal.follow(change -> forward(channel, change)));
            backupsFollowing = journal.followers();
            state = SyncState.IN_SYNC;
            LOG.info("backup {} at {} synchronized in full ({} terminals), following changes", hello.server(), channel.remoteAddress(), all.size());
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
        if (!channel.isWritable()) {
            problem("backup at " + channel.remoteAddress() + " does not keep up (" + MAX_QUEUED_BYTES + " bytes queued); dropping it");
            channel.close();
            return;
        }
        channel.writeAndFlush(SyncCodec.encode(change));
    }

    void backupGone(Channel channel, Supplier<Runnable> stopFollowing) {
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

    void fullSyncDone(List<TerminalControl> all, long atSequence) {
        core.execute(() -> {
            mirror.replace(all, atSequence);
            terminals = all.size();
            sequence = atSequence;
            lastFullSyncAt = clock.millis();
            state = SyncState.IN_SYNC;
            LOG.info("synchronized in full from the primary at {}: {} terminals", peer(), all.size());
        });
    }

    void changeArrived(SyncMessage change) {
        long sentAt = change instanceof SyncMessage.Control c ? c.sentAt() : ((SyncMessage.Released) change).sentAt();
        core.execute(() -> {
            mirror.apply(change);
            terminals = mirror.all().size();
            sequence = mirror.sequence();
            lagMillis = Math.max(0, clock.millis() - sentAt);
        });
    }

    void primaryGone() {
        if (!closed) {
            state = SyncState.PEER_LOST;
            LOG.warn("sync link to the primary at {} lost; reconnecting", peer());
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

    /** Whether this server may act on the switch now (it is the primary). Any thread. */
    public boolean actsOnSwitch() {
        return role == HaRole.PRIMARY;
    }

    /** Health figures. Any thread. */
    public SyncLinkStatus status() {
        return new SyncLinkStatus(role, state, peer(), boundPort, backupsFollowing, terminals, sequence, lastFullSyncAt, lagMillis, lastProblem);
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
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }
}
