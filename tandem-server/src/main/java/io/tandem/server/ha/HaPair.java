package io.tandem.server.ha;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * This server's membership in a primary/backup pair, put together: the {@link Replication} of the parts that features
 * register, the {@link RoleKeeper} with its {@link PairRole}, the {@link SyncTransport}, and the {@link SyncHealth}.
 * Each does one job; this record only builds, starts and closes them.
 *
 * @param settings how this server takes part
 * @param replication the replicated parts
 * @param roles the role and its decisions
 * @param transport the sync link's network side
 * @param health the figures health reports show
 */
public record HaPair(HaSettings settings, Replication replication, RoleKeeper roles, SyncTransport transport, SyncHealth health)
        implements AutoCloseable {

    /** The membership of server {@code serverName} with {@code settings}, whose core thread is {@code core}. */
    public static HaPair create(HaSettings settings, String serverName, Clock clock, ScheduledExecutorService core) {
        Replication replication = new Replication(clock);
        SyncHealth health = new SyncHealth(settings, clock);
        SyncTransport transport = new SyncTransport(settings, serverName, clock, core, replication, health);
        RoleKeeper roles = new RoleKeeper(settings, serverName, clock, core, replication, health, transport);
        return new HaPair(settings, replication, roles, transport, health);
    }

    /**
     * Opens the sync port on {@code host} and, as backup, starts connecting to the primary (TLS contexts may be null for
     * plain TCP). Does nothing for a standalone server. After every part is registered.
     */
    public void start(String host, EventLoopGroup boss, EventLoopGroup workers, SslContext serverTls, SslContext clientTls)
            throws InterruptedException {
        if (settings.paired()) {
            transport.start(host, boss, workers, serverTls, clientTls, roles, roles.state() == PairRole.BACKUP);
        }
    }

    /** Health figures. Any thread. */
    public SyncLinkStatus status() {
        return health.status(roles.state().role(), replication.figures());
    }

    /** The port the sync link listens on, or -1. */
    public int syncPort() {
        return health.syncPort();
    }

    @Override
    public void close() {
        roles.close();
        transport.close();
    }
}
