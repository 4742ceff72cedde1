package io.tandem.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.client.ClientOptions;
import io.tandem.client.HotStandbyClient;
import io.tandem.client.TandemClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Simulated client applications: many TCP connections sharing two I/O threads. */
final class Clients implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final List<TandemClient> clients = new ArrayList<>();
    private final List<HotStandbyClient> desks = new ArrayList<>();

    /** Connects and registers {@code count} clients named {@code prefix}-i. */
    List<TandemClient> connect(String host, int port, String prefix, int count) {
        List<TandemClient> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TandemClient client = TandemClient.connect(ClientOptions.tcp(host, port, prefix + "-" + i), group);
            clients.add(client);
            made.add(client);
        }
        return made;
    }

    /**
     * Connects {@code count} desks named {@code prefix}-i to every server of a pair in hot standby, sharing
     * the same I/O threads.
     */
    List<HotStandbyClient> connectToPair(List<String> hostPorts, String prefix, int count) {
        List<HotStandbyClient> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<ClientOptions> servers = new ArrayList<>();
            for (String hostPort : hostPorts) {
                int colon = hostPort.lastIndexOf(':');
                servers.add(ClientOptions.tcp(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)), "desk")
                        .withClientIdentity(prefix + "-" + i));
            }
            HotStandbyClient desk = HotStandbyClient.connect(servers, java.time.Duration.ofMillis(500), group);
            desks.add(desk);
            made.add(desk);
        }
        return made;
    }

    @Override
    public void close() {
        desks.forEach(HotStandbyClient::close);
        clients.forEach(TandemClient::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
