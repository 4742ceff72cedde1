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

    @Override
    void onMessage(ChannelHandlerContext ctx, SyncMessage message) {
        if (!(message instanceof SyncMessage.BackupReady hello)) {
            throw new SyncProtocolException("expected backupReady or heartbeat from the backup, got " + message.getClass().getSimpleName());
        }
        if (ready) {
            throw new SyncProtocolException("backupReady sent twice on one connection");
        }
        ready = true;
        ha.backupReady(ctx.channel(), hello, this::following);
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
