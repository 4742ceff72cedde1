package io.tandem.server.ha;

import io.netty.channel.ChannelHandlerContext;

/**
 * The backup's end of the sync link: proves the shared secret, checks the primary's proof, collects the full
 * synchronization (decoded part by part as it arrives), then hands each change to the core thread. Anything out of
 * order drops the link; the backup then tries to take over (granted only if the primary no longer holds its role at the
 * switch) or starts over with a full synchronization.
 */
final class BackupSession extends SyncEndpoint {

    private final SyncTransport transport;
    private final Replication.Decoder decoder;
    private final String nonce = SyncAuth.nonce();
    private Replication.FullMirror fullSync;
    private String primaryNonce;
    private boolean greeted;
    private boolean synced;

    BackupSession(SyncTransport transport) {
        super(transport.settings(), transport.clock());
        this.transport = transport;
        this.decoder = transport.decoder();
        this.fullSync = decoder.fullMirror();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        transport.health().state(SyncState.SYNCHRONIZING);
    }

    @Override
    void onMessage(ChannelHandlerContext ctx, SyncMessage message) {
        if (message instanceof SyncMessage.Challenge challenge) {
            if (primaryNonce != null) {
                throw new SyncProtocolException("challenge sent twice on one connection");
            }
            primaryNonce = challenge.nonce();
            send(ctx, new SyncMessage.BackupReady(transport.serverName(), SyncMessage.PROTOCOL, nonce,
                    SyncAuth.proof(settings().secret(), "backup", transport.serverName(), primaryNonce, nonce)));
        } else if (message instanceof SyncMessage.PrimaryHello hello) {
            if (hello.protocol() != SyncMessage.PROTOCOL) {
                throw new SyncProtocolException("the primary speaks sync protocol " + hello.protocol() + ", this server " + SyncMessage.PROTOCOL);
            }
            if (primaryNonce == null || !SyncAuth.verify(hello.proof(), settings().secret(), "primary", hello.server(), primaryNonce, nonce)) {
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
            fullSync.add(batch);
        } else if (message instanceof SyncMessage.FullSyncDone done) {
            requireGreeted(message);
            fullSync.check(done);
            synced = true;
            transport.fullSyncArrived(fullSync, done.sequence());
            fullSync = decoder.fullMirror();
        } else if (message instanceof SyncMessage.Change change) {
            if (!synced) {
                throw new SyncProtocolException("change of " + change.part() + " before fullSyncDone");
            }
            transport.changeArrived(decoder.change(change), change);
        } else {
            throw new SyncProtocolException("unexpected " + message.getClass().getSimpleName() + " from the primary");
        }
    }

    private void requireGreeted(SyncMessage message) {
        if (!greeted) {
            throw new SyncProtocolException(message.getClass().getSimpleName() + " before primaryHello");
        }
    }

    @Override
    void onProblem(String problem) {
        transport.health().problem("primary link: " + problem);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        transport.primaryLost();
    }
}
