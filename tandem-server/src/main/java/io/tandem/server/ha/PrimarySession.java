package io.tandem.server.ha;

import io.netty.channel.ChannelHandlerContext;

/**
 * The primary's end of one sync connection: waits for backupReady, then lets {@link HighAvailability}
 * synchronize the backup in full and stream changes to it.
 */
final class PrimarySession extends SyncEndpoint {

    private final HighAvailability ha;
    private Runnable stopFollowing;
    private boolean ready;

    PrimarySession(HighAvailability ha) {
        super(ha.settings(), ha.clock());
        this.ha = ha;
    }

    private final String nonce = SyncAuth.nonce();

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
            String reason = "sync protocol " + hello.protocol() + " is not supported; this server speaks " + SyncMessage.PROTOCOL;
            ha.problem("refused " + hello.server() + " at " + ctx.channel().remoteAddress() + ": " + reason);
            send(ctx, new SyncMessage.Refused(reason));
            ctx.close();
            return;
        }
        if (!SyncAuth.verify(hello.proof(), ha.settings().secret(), "backup", hello.server(), nonce, hello.nonce())) {
            ha.problem("refused a peer at " + ctx.channel().remoteAddress() + " calling itself '" + hello.server()
                    + "': it does not know the sync link's shared secret");
            send(ctx, new SyncMessage.Refused("authentication failed: wrong shared secret"));
            ctx.close();
            return;
        }
        io.tandem.common.net.AuthenticationDeadline.authenticated(ctx.channel());
        ha.backupReady(ctx.channel(), hello, nonce, this::following);
    }

    private void following(Runnable stop) {
        this.stopFollowing = stop;
    }

    @Override
    void onProblem(String problem) {
        ha.problem("backup link: " + problem);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ha.backupGone(ctx.channel(), () -> stopFollowing);
    }
}
