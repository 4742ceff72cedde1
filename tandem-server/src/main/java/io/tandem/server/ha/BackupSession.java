package io.tandem.server.ha;

import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The backup's end of the sync link: announces itself, collects the full synchronization, then applies
 * each change. Anything out of order drops the link; the backup then tries to take over (granted only if
 * the primary no longer holds its role at the switch) or starts over with a full synchronization.
 */
final class BackupSession extends SyncEndpoint {

    private final HighAvailability ha;
    private final List<TerminalControl> fullSync = new ArrayList<>();
    private final List<LiveCall> fullSyncCalls = new ArrayList<>();
    private boolean greeted;
    private boolean synced;

    BackupSession(HighAvailability ha) {
        super(ha.settings(), ha.clock());
        this.ha = ha;
    }

    private final String nonce = SyncAuth.nonce();
    private String primaryNonce;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ha.synchronizing();
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, SyncMessage message) {
        if (message instanceof SyncMessage.Challenge challenge) {
            if (primaryNonce != null) {
                throw new SyncProtocolException("challenge sent twice on one connection");
            }
            primaryNonce = challenge.nonce();
            send(ctx, new SyncMessage.BackupReady(ha.serverName(), SyncMessage.PROTOCOL, nonce,
                    SyncAuth.proof(ha.settings().secret(), "backup", ha.serverName(), primaryNonce, nonce)));
        } else if (message instanceof SyncMessage.PrimaryHello hello) {
            if (hello.protocol() != SyncMessage.PROTOCOL) {
                throw new SyncProtocolException("the primary speaks sync protocol " + hello.protocol() + ", this server " + SyncMessage.PROTOCOL);
            }
            if (primaryNonce == null || !SyncAuth.verify(hello.proof(), ha.settings().secret(), "primary", hello.server(), primaryNonce, nonce)) {
                throw new SyncProtocolException("the peer calling itself '" + hello.server() + "' does not know the sync link's shared secret");
            }
            greeted = true;
        } else if (message instanceof SyncMessage.Refused refused) {
            drop(ctx, "the peer refused to synchronize this server: " + refused.reason());
        } else if (message instanceof SyncMessage.FullSync batch) {
            requireGreeted(message);
            if (synced) {
                throw new SyncProtocolException("fullSync after fullSyncDone");
            }
            fullSync.addAll(batch.terminals());
            fullSyncCalls.addAll(batch.calls());
        } else if (message instanceof SyncMessage.FullSyncDone done) {
            requireGreeted(message);
            if (done.count() != fullSync.size()) {
                throw new SyncProtocolException("fullSyncDone says " + done.count() + " terminals, " + fullSync.size() + " arrived");
            }
            if (done.calls() != fullSyncCalls.size()) {
                throw new SyncProtocolException("fullSyncDone says " + done.calls() + " live calls, " + fullSyncCalls.size() + " arrived");
            }
            synced = true;
            ha.fullSyncDone(List.copyOf(fullSync), List.copyOf(fullSyncCalls), done.sequence());
            fullSync.clear();
            fullSyncCalls.clear();
        } else if (message instanceof SyncMessage.Control || message instanceof SyncMessage.Released
                || message instanceof SyncMessage.Call || message instanceof SyncMessage.CallEnded) {
            changed(message);
        } else {
            throw new SyncProtocolException("unexpected " + message.getClass().getSimpleName() + " from the primary");
        }
    }

    private void changed(SyncMessage change) {
        if (!synced) {
            throw new SyncProtocolException(change.getClass().getSimpleName() + " before fullSyncDone");
        }
        ha.changeArrived(change);
    }

    private void requireGreeted(SyncMessage message) {
        if (!greeted) {
            throw new SyncProtocolException(message.getClass().getSimpleName() + " before primaryHello");
        }
    }

    @Override
    void onProblem(String problem) {
        ha.problem("primary link: " + problem);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ha.primaryGone();
    }
}
