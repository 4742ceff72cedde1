package io.tandem.ucm.link;

import io.netty.channel.nio.NioEventLoopGroup;
import io.tandem.switchlink.SwitchConnector;
import io.tandem.switchlink.wire.RemoteSwitchConnector;
import io.tandem.ucm.EmbeddedSwitch;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The switch port's contract over the TCP link: a {@link RemoteSwitchConnector} to a {@link LinkServer}. */
class TcpSwitchLinkTest extends SwitchLinkContract {

    private NioEventLoopGroup group;
    private LinkServer server;
    private RemoteSwitchConnector remote;

    @Override
    protected SwitchConnector connector(EmbeddedSwitch sw) throws Exception {
        group = new NioEventLoopGroup(1);
        server = LinkServer.start(sw.links(), "127.0.0.1", 0, Duration.ofSeconds(1), group, group);
        remote = new RemoteSwitchConnector("127.0.0.1", server.port(), Duration.ofSeconds(1));
        return remote;
    }

    @Override
    protected void closeConnector() {
        remote.close();
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
