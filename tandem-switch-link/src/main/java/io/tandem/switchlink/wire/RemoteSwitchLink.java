package io.tandem.switchlink.wire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.tandem.switchlink.DeviceSnapshot;
import io.tandem.switchlink.LinkCredentials;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchException;
import io.tandem.switchlink.SwitchLink;
import io.tandem.switchlink.SwitchLinkListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SwitchLink} over one TCP connection. Requests are correlated with their answers by id. */
final class RemoteSwitchLink implements SwitchLink {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSwitchLink.class);

    private final Channel channel;
    private final String linkId;
    private final List<DeviceSnapshot> devices;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, CompletableFuture<Long>> pending = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<List<io.tandem.switchlink.VerbOutcome>>> pendingOutcomes = new ConcurrentHashMap<>();

    private RemoteSwitchLink(Channel channel, String linkId, List<DeviceSnapshot> devices) {
        this.channel = channel;
        this.linkId = linkId;
        this.devices = List.copyOf(devices);
    }

    @Override
    public String linkId() {
        return linkId;
    }

    @Override
    public List<DeviceSnapshot> devices() {
        return devices;
    }

    @Override
    public CompletableFuture<Void> addRemoteDestination(String device, String name, String number, boolean active) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.AddRemoteDestination(id, device, name, number, active));
    }

    @Override
    public CompletableFuture<Void> setActiveRemoteDestination(String device, String number, boolean active) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.SetActiveRemoteDestination(id, device, number, active));
    }

    /** One request for all the items; the switch answers with every item's outcome. */
    @Override
    public CompletableFuture<List<io.tandem.switchlink.VerbOutcome>> setActiveRemoteDestinations(
            List<io.tandem.switchlink.ActiveDestination> changes) {
        if (changes.size() > MAX_ACTIVE_DESTINATIONS) {
            return SwitchLink.super.setActiveRemoteDestinations(changes);
        }
        long id = nextId.incrementAndGet();
        CompletableFuture<List<io.tandem.switchlink.VerbOutcome>> outcomes = new CompletableFuture<>();
        pendingOutcomes.put(id, outcomes);
        sendForValue(id, new LinkFrame.SetActiveRemoteDestinations(id, List.copyOf(changes))).whenComplete((value, error) -> {
            // a Failed answer or a link failure; an Outcomes answer completes the outcomes first
            if (error != null && pendingOutcomes.remove(id) != null) {
                outcomes.completeExceptionally(error);
            }
        });
        return outcomes;
    }

    @Override
    public CompletableFuture<Void> removeRemoteDestination(String device, String number) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.RemoveRemoteDestination(id, device, number));
    }

    @Override
    public CompletableFuture<Void> setDoNotDisturb(String device, boolean on) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.SetDoNotDisturb(id, device, on));
    }

    @Override
    public CompletableFuture<Void> setForwardAll(String dn, String destination) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.SetForwardAll(id, dn, destination));
    }

    @Override
    public CompletableFuture<Void> monitor(io.tandem.switchlink.MonitorRequest request) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.Monitor(id, request));
    }

    @Override
    public CompletableFuture<Void> record(io.tandem.switchlink.RecordingRequest request) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.Record(id, request));
    }

    @Override
    public CompletableFuture<Void> registerRouteCallback(String dn) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.RouteCallback(id, dn, true));
    }

    @Override
    public CompletableFuture<Void> unregisterRouteCallback(String dn) {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.RouteCallback(id, dn, false));
    }

    @Override
    public CompletableFuture<Long> call(io.tandem.switchlink.CallRequest request) {
        long id = nextId.incrementAndGet();
        return sendForValue(id, new LinkFrame.Call(id, request));
    }

    @Override
    public CompletableFuture<Void> claimPrimary() {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.ClaimPrimary(id));
    }

    @Override
    public CompletableFuture<Void> releasePrimary() {
        long id = nextId.incrementAndGet();
        return send(id, new LinkFrame.ReleasePrimary(id));
    }

    private CompletableFuture<Void> send(long id, LinkFrame.Request request) {
        return sendForValue(id, request).thenApply(value -> null);
    }

    private CompletableFuture<Long> sendForValue(long id, LinkFrame.Request request) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        pending.put(id, future);
        if (!channel.isActive()) {
            failPending("link closed");
            return future;
        }
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                complete(id, null, new SwitchException(SwitchError.LINK_DOWN, "cannot send to switch: " + f.cause().getMessage()));
            }
        });
        return future;
    }

    private void complete(long id, Long value, SwitchException failure) {
        CompletableFuture<Long> future = pending.remove(id);
        if (future == null) {
            return;
        }
        if (failure == null) {
            future.complete(value);
        } else {
            future.completeExceptionally(failure);
        }
    }

    private void completeOutcomes(long id, List<io.tandem.switchlink.VerbOutcome> outcomes) {
        CompletableFuture<List<io.tandem.switchlink.VerbOutcome>> future = pendingOutcomes.remove(id);
        pending.remove(id);
        if (future != null) {
            future.complete(List.copyOf(outcomes));
        }
    }

    private void failPending(String reason) {
        for (Long id : List.copyOf(pending.keySet())) {
            complete(id, null, new SwitchException(SwitchError.LINK_DOWN, "switch link closed: " + reason));
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** The connection's inbound handler: first waits for Opened, then dispatches answers and events. */
    static final class Handler extends SimpleChannelInboundHandler<LinkFrame> {
        private final LinkCredentials credentials;
        private final SwitchLinkListener listener;
        private final CompletableFuture<SwitchLink> opening;
        private final AtomicBoolean closedReported = new AtomicBoolean();
        private volatile RemoteSwitchLink link;
        private volatile String closeReason = "connection closed by the switch";

        Handler(LinkCredentials credentials, SwitchLinkListener listener, CompletableFuture<SwitchLink> opening) {
            this.credentials = credentials;
            this.listener = listener;
            this.opening = opening;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(new LinkFrame.Open(credentials.applicationUser(), credentials.password()));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, LinkFrame frame) {
            if (frame instanceof LinkFrame.Opened opened) {
                link = new RemoteSwitchLink(ctx.channel(), opened.linkId(), opened.devices());
                opening.complete(link);
            } else if (frame instanceof LinkFrame.Refused refused) {
                closeReason = refused.message();
                opening.completeExceptionally(new SwitchException(refused.error(), refused.message()));
                ctx.close();
            } else if (frame instanceof LinkFrame.Done done) {
                link.complete(done.id(), done.value(), null);
            } else if (frame instanceof LinkFrame.Outcomes outcomes) {
                link.completeOutcomes(outcomes.id(), outcomes.outcomes());
            } else if (frame instanceof LinkFrame.Failed failed) {
                link.complete(failed.id(), null, new SwitchException(failed.error(), failed.message()));
            } else if (frame instanceof LinkFrame.Event event) {
                listener.onEvent(event.event());
            } else if (frame instanceof LinkFrame.Ping) {
                ctx.writeAndFlush(new LinkFrame.Pong());
            } else if (!(frame instanceof LinkFrame.Pong)) {
                LOG.warn("switch link: unexpected frame {}", frame);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle) {
                if (idle.state() == IdleState.READER_IDLE) {
                    closeReason = "no heartbeat from the switch";
                    LOG.warn("switch link {}: no heartbeat from the switch, closing", ctx.channel().remoteAddress());
                    ctx.close();
                } else if (idle.state() == IdleState.WRITER_IDLE) {
                    ctx.writeAndFlush(new LinkFrame.Ping());
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeReason = cause.getMessage();
            LOG.warn("switch link {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            opening.completeExceptionally(new SwitchException(SwitchError.LINK_DOWN, closeReason));
            RemoteSwitchLink open = link;
            if (open != null) {
                open.failPending(closeReason);
                if (closedReported.compareAndSet(false, true)) {
                    listener.onClosed(closeReason);
                }
            }
        }
    }
}
