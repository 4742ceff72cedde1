package io.tandem.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.client.ClientOptions;
import io.tandem.client.TandemClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Simulated client applications: many TCP connections sharing two I/O threads. */
final class Clients implements AutoCloseable {

    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final List<TandemClient> clients = new ArrayList<>();

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

    @Override
    public void close() {
        clients.forEach(TandemClient::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
