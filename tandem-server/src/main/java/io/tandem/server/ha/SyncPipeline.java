package io.tandem.server.ha;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The Netty pipeline both ends of the sync link use: lines, UTF-8, heartbeat timers, then the role's handler. */
final class SyncPipeline {

    private SyncPipeline() {
    }

    static void build(ChannelPipeline pipeline, HaSettings settings, ChannelHandler handler) {
        pipeline.addLast("frames", new LineBasedFrameDecoder(SyncCodec.MAX_LINE_BYTES, true, true))
                .addLast("text-in", new StringDecoder(StandardCharsets.UTF_8))
                .addLast("text-out", new StringEncoder(StandardCharsets.UTF_8))
                .addLast("heartbeat", new IdleStateHandler(settings.heartbeatTimeout().toMillis(), settings.heartbeatInterval().toMillis(),
                        0, TimeUnit.MILLISECONDS))
                .addLast("sync", handler);
    }
}
