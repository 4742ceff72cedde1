package io.tandem.switchlink.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.tandem.switchlink.SwitchEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Encodes and decodes {@link LinkFrame}s as JSON lines, and installs the codec in a Netty pipeline. */
public final class LinkCodec {

    /** The longest link frame accepted: an Opened frame lists every controlled device. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .addMixIn(SwitchEvent.class, SwitchEventMixin.class)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LinkCodec() {
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = MAPPER.getFactory();

    /** The data binding every frame can go through (tests compare the frequent frames' own code with it). */
    static ObjectMapper dataBinding() {
        return MAPPER;
    }

    /** The JSON bytes of a frame, without a line end. */
    public static byte[] encode(LinkFrame frame) {
        ByteBuf out = Unpooled.buffer();
        encode(frame, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** Appends the JSON of {@code frame} to {@code out}, without a line end: the frequent frames without data binding. */
    static void encode(LinkFrame frame, ByteBuf out) {
        try (com.fasterxml.jackson.core.JsonGenerator g = JSON.createGenerator((java.io.OutputStream) new io.netty.buffer.ByteBufOutputStream(out))) {
            if (FrequentFrames.writes(frame)) {
                FrequentFrames.write(frame, g);
            } else {
                MAPPER.writeValue(g, frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes one frame: a frequent one in its regular form without data binding, anything else with it. */
    public static LinkFrame decode(ByteBuf json) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser((java.io.InputStream) new ByteBufInputStream(json.duplicate()))) {
            LinkFrame frame = FrequentFrames.read(p);
            if (frame != null) {
                return frame;
            }
        } catch (IOException notJson) {
            // data binding reads it again and reports the problem in its words
        }
        return MAPPER.readValue((java.io.InputStream) new ByteBufInputStream(json), LinkFrame.class);
    }

    /** Adds framing, decoding and encoding to {@code pipeline}. */
    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast("link-frame", new LineBasedFrameDecoder(MAX_FRAME_BYTES, true, true));
        pipeline.addLast("link-decode", new Decoder());
        pipeline.addLast("link-encode", ENCODER);
    }

    private static final Encoder ENCODER = new Encoder();

    private static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws IOException {
            out.add(LinkCodec.decode(frame));
        }
    }

    @ChannelHandler.Sharable
    private static final class Encoder extends io.netty.handler.codec.MessageToByteEncoder<LinkFrame> {
        Encoder() {
            super(LinkFrame.class);
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, LinkFrame frame, ByteBuf out) {
            LinkCodec.encode(frame, out);
            out.writeByte('\n');
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = SwitchEvent.DeviceServiceChanged.class, name = "deviceServiceChanged"),
        @JsonSubTypes.Type(value = SwitchEvent.RemoteDestinationsChanged.class, name = "remoteDestinationsChanged"),
        @JsonSubTypes.Type(value = SwitchEvent.CallEvent.class, name = "call"),
        @JsonSubTypes.Type(value = SwitchEvent.DeviceLinesChanged.class, name = "deviceLinesChanged"),
        @JsonSubTypes.Type(value = SwitchEvent.DeviceAdded.class, name = "deviceAdded"),
        @JsonSubTypes.Type(value = SwitchEvent.DeviceRemoved.class, name = "deviceRemoved"),
        @JsonSubTypes.Type(value = SwitchEvent.DoNotDisturbChanged.class, name = "doNotDisturbChanged"),
        @JsonSubTypes.Type(value = SwitchEvent.ForwardAllChanged.class, name = "forwardAllChanged"),
        @JsonSubTypes.Type(value = SwitchEvent.RecordingChanged.class, name = "recordingChanged"),
        @JsonSubTypes.Type(value = SwitchEvent.MonitorChanged.class, name = "monitorChanged")
    })
    private interface SwitchEventMixin {
    }
}
