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
import io.netty.handler.ssl.SslContext;
import io.tandem.common.net.AuthenticationDeadline;
import io.tandem.common.net.ConnectionLimiter;
import io.tandem.common.net.ConnectionLimits;
import io.tandem.common.net.TlsConfig;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync link's network side: the sync port that backups connect to, and a backup's connection to its primary, both
 * JSON lines over TCP (or TLS) authenticated by the pair's shared secret ({@link SyncAuth}). It hands authenticated
 * backups and the primary's messages to the core thread and tells the {@link Events} what happened; it decides nothing
 * about roles.
 */
public final class SyncTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncTransport.class);

    /** Bytes queued for a backup beyond which it is dropped as too slow. */
    static final int MAX_QUEUED_BYTES = 64 << 20;

    /** What the transport reports; called on the core thread. */
    public interface Events {
        /** A backup proved the secret on the sync port: serve it or refuse it. */
        void backupArrived(Follower follower);

        /** The primary's full synchronization was applied. */
        void synchronizedWithPrimary();

        /** The link to the primary broke, or the primary could not be reached. */
        void primaryLost();
    }

    /** One authenticated backup connection, as the core thread sees it. */
    public interface Follower {
        /** The name the backup gave, and its address. */
        String server();

        /** Accepts the backup: proves the shared secret in turn (primaryHello). Before anything else is sent. */
        void welcome();

        /** Sends {@code message}; a backup that does not keep up is dropped. */
        void send(SyncMessage message);

        /** Refuses the backup with {@code reason} and closes its connection. */
        void refuse(String reason);

        /** Runs {@code action} on the core thread when the connection closes (at once if it is closed already). */
        void whenGone(Runnable action);
    }

    private final HaSettings settings;
    private final String serverName;
    private final java.time.Clock clock;
    private final ScheduledExecutorService core;
    private final Replication replication;
    private final SyncHealth health;
    private final Set<Channel> backups = ConcurrentHashMap.newKeySet();
    private Events events;
    private Channel listener;
    private Bootstrap primaryBootstrap;
    private volatile boolean closed;

    /** The transport of server {@code serverName}, whose core thread is {@code core}. */
    public SyncTransport(HaSettings settings, String serverName, java.time.Clock clock, ScheduledExecutorService core,
            Replication replication, SyncHealth health) {
        this.settings = settings;
        this.serverName = serverName;
        this.clock = clock;
        this.core = core;
        this.replication = replication;
        this.health = health;
    }

    /**
     * Opens the sync port on {@code host}, over TLS with {@code serverTls} unless null, and prepares connections to the
     * primary, over TLS with {@code clientTls} unless null (verifying that its certificate names the peer host);
     * {@code events} hears what happens. As backup, starts connecting.
     */
    public void start(String host, EventLoopGroup boss, EventLoopGroup workers, SslContext serverTls, SslContext clientTls, Events events,
            boolean connect) throws InterruptedException {
        this.events = events;
        if (settings.secret() == null) {
            throw new IllegalStateException("a primary/backup pair needs a shared secret for its sync link (--sync-secret-file FILE or "
                    + "TANDEM_SYNC_SECRET, the same on both servers, at least " + HaSettings.MIN_SECRET_LENGTH + " characters)");
        }
        ConnectionLimiter limiter = new ConnectionLimiter("sync", ConnectionLimits.SYNC);
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
                        ch.pipeline().addLast(new AuthenticationDeadline(ConnectionLimits.SYNC.authenticationDeadline(),
                                "authenticate on the sync link"));
                        SyncPipeline.build(ch.pipeline(), settings, new PrimarySession(SyncTransport.this));
                    }
                })
                .bind(host, settings.syncPort()).sync().channel();
        health.listening(((InetSocketAddress) listener.localAddress()).getPort());
        LOG.info("sync link listening on port {} ({}; peer {})", health.syncPort(), settings.role().wireName(), health.peer());
        if (settings.peerHost() != null) {
            primaryBootstrap = new Bootstrap().group(workers).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.heartbeatTimeout().toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (clientTls != null) {
                                ch.pipeline().addLast(TlsConfig.clientHandler(clientTls, ch.alloc(), settings.peerHost(), settings.peerPort()));
                            }
                            SyncPipeline.build(ch.pipeline(), settings, new BackupSession(SyncTransport.this));
                        }
                    });
            if (connect) {
                connectToPrimary();
            }
        }
    }

    /** Whether this server has a peer to follow. */
    public boolean hasPeer() {
        return primaryBootstrap != null;
    }

    /** Connects to the primary after the reconnect delay. */
    public void reconnectLater() {
        if (!closed && primaryBootstrap != null) {
            core.schedule(this::connectToPrimary, settings.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connectToPrimary() {
        if (closed) {
            return;
        }
        health.state(SyncState.CONNECTING);
        primaryBootstrap.connect(settings.peerHost(), settings.peerPort()).addListener(f -> {
            if (!f.isSuccess()) {
                health.problem("cannot reach the primary's sync port " + health.peer() + ": " + f.cause().getMessage());
                health.state(SyncState.PEER_LOST);
                core.execute(events::primaryLost);
            }
        });
    }

    /** Closes every backup's connection (this server stops being primary). */
    public void dropBackups() {
        backups.forEach(Channel::close);
    }

    // ---- called by the sessions ----

    void backupAuthenticated(Channel channel, String backupName, SyncMessage.PrimaryHello hello) {
        AuthenticationDeadline.authenticated(channel);
        backups.add(channel);
        channel.closeFuture().addListener(f -> backups.remove(channel));
        core.execute(() -> {
            if (channel.isActive()) {
                events.backupArrived(new ChannelFollower(channel, backupName, hello));
            }
        });
    }

    void primaryLost() {
        if (!closed) {
            health.state(SyncState.PEER_LOST);
            LOG.warn("sync link to the primary at {} lost", health.peer());
            core.execute(events::primaryLost);
        }
    }

    void fullSyncArrived(Replication.FullMirror full, long sequence) {
        core.execute(() -> {
            replication.mirror(full, sequence);
            health.synchronizedInFull();
            events.synchronizedWithPrimary();
            LOG.info("synchronized in full from the primary at {}: {}", health.peer(), replication.figures().sizes());
        });
    }

    void changeArrived(Runnable apply, SyncMessage.Change change) {
        core.execute(() -> {
            replication.apply(apply, change.sequence());
            health.applied(change.sentAt());
        });
    }

    HaSettings settings() {
        return settings;
    }

    java.time.Clock clock() {
        return clock;
    }

    String serverName() {
        return serverName;
    }

    SyncHealth health() {
        return health;
    }

    Replication.Decoder decoder() {
        return replication.decoder();
    }

    @Override
    public void close() {
        closed = true;
        dropBackups();
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
    }

    /** A backup's connection on the sync port. */
    private final class ChannelFollower implements Follower {
        private final Channel channel;
        private final String server;
        private final SyncMessage.PrimaryHello hello;

        ChannelFollower(Channel channel, String server, SyncMessage.PrimaryHello hello) {
            this.channel = channel;
            this.server = server;
            this.hello = hello;
        }

        @Override
        public void welcome() {
            send(hello);
        }

        @Override
        public String server() {
            return server + " at " + channel.remoteAddress();
        }

        @Override
        public void send(SyncMessage message) {
            if (!channel.isActive()) {
                return;
            }
            if (!channel.isWritable()) {
                health.problem("backup at " + channel.remoteAddress() + " does not keep up (" + MAX_QUEUED_BYTES + " bytes queued); dropping it");
                channel.close();
                return;
            }
            channel.writeAndFlush(SyncCodec.encode(message));
        }

        @Override
        public void refuse(String reason) {
            health.problem("refused " + server() + ": " + reason);
            channel.writeAndFlush(SyncCodec.encode(new SyncMessage.Refused(reason))).addListener(f -> channel.close());
        }

        @Override
        public void whenGone(Runnable action) {
            channel.closeFuture().addListener(f -> core.execute(action));
        }
    }
}
