package io.tandem.server.ha;

import io.netty.channel.ChannelHandlerContext;

/**
 * The primary's end of one sync connection: challenges the backup, checks its proof of the shared secret, then hands
 * the connection to the core thread ({@link SyncTransport.Events#backupArrived}).
 */
final class PrimarySession extends SyncEndpoint {

    private final SyncTransport transport;
    private final String nonce = SyncAuth.nonce();
    private boolean ready;

    PrimarySession(SyncTransport transport) {
        super(transport.settings(), transport.clock());
        this.transport = transport;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        send(ctx, new SyncMessage.Challenge(nonce));
        super.channelActive(ctx);
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, SyncMessage message) {
        if (!(message instanceof SyncMessage.BackupReady hello)) {
            throw new SyncProtocolException("expected backupReady or heartbeat from the backup, got " + message.getClass().getSimpleName());
        }
        if (ready) {
            throw new SyncProtocolException("backupReady sent twice on one connection");
        }
        ready = true;
        if (hello.protocol() != SyncMessage.PROTOCOL) {
            refuse(ctx, "refused " + hello.server() + " at " + ctx.channel().remoteAddress() + ": ",
                    "sync protocol " + hello.protocol() + " is not supported; this server speaks " + SyncMessage.PROTOCOL);
            return;
        }
        if (!SyncAuth.verify(hello.proof(), settings().secret(), "backup", hello.server(), nonce, hello.nonce())) {
            transport.health().problem("refused a peer at " + ctx.channel().remoteAddress() + " calling itself '" + hello.server()
                    + "': it does not know the sync link's shared secret");
            send(ctx, new SyncMessage.Refused("authentication failed: wrong shared secret"));
            ctx.close();
            return;
        }
        transport.backupAuthenticated(ctx.channel(), hello.server(), new SyncMessage.PrimaryHello(transport.serverName(),
                SyncMessage.PROTOCOL, SyncAuth.proof(settings().secret(), "primary", transport.serverName(), nonce, hello.nonce())));
    }

    private void refuse(ChannelHandlerContext ctx, String where, String reason) {
        transport.health().problem(where + reason);
        send(ctx, new SyncMessage.Refused(reason));
        ctx.close();
    }

    @Override
    void onProblem(String problem) {
        transport.health().problem("backup link: " + problem);
    }
}
