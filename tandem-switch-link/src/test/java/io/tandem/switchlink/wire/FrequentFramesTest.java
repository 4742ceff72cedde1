package io.tandem.switchlink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.tandem.switchlink.ActiveDestination;
import io.tandem.switchlink.RemoteDestination;
import io.tandem.switchlink.VerbOutcome;
import io.tandem.switchlink.SwitchError;
import io.tandem.switchlink.SwitchEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The frequent frames' own code against data binding: the same JSON out, the same frame back, and for any other form
 * of the same frames (fields reordered, values coerced, unknown fields) the same result as data binding alone.
 */
class FrequentFramesTest {

    private static byte[] dataBound(LinkFrame frame) throws IOException {
        return LinkCodec.dataBinding().writeValueAsBytes(frame);
    }

    private static LinkFrame decode(String json) throws IOException {
        return LinkCodec.decode(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 3000)
    void writesWhatDataBindingWritesAndReadsItBack(@ForAll("frames") LinkFrame frame) throws IOException {
        assertThat(FrequentFrames.writes(frame)).isTrue();
        byte[] own = LinkCodec.encode(frame);
        assertThat(new String(own, StandardCharsets.UTF_8)).isEqualTo(new String(dataBound(frame), StandardCharsets.UTF_8));
        assertThat(LinkCodec.decode(Unpooled.wrappedBuffer(own))).isEqualTo(frame);
        try (var p = LinkCodec.dataBinding().getFactory().createParser(own)) {
            assertThat(FrequentFrames.read(p)).as("read without data binding").isEqualTo(frame);
        }
    }

    @Provide
    Arbitrary<LinkFrame> frames() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12).withChars("07Aé\"\\ \u20ac\n");
        Arbitrary<String> maybe = text.injectNull(0.2);
        Arbitrary<Long> id = Arbitraries.longs();
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<RemoteDestination> destination = Combinators.combine(text, text, flag).as(RemoteDestination::new);
        Arbitrary<ActiveDestination> change = Combinators.combine(text, text, flag).as(ActiveDestination::new);
        Arbitrary<VerbOutcome> outcome = Combinators.combine(Arbitraries.of(SwitchError.class).injectNull(0.5), maybe).as(VerbOutcome::new);
        return Arbitraries.oneOf(
                Combinators.combine(id, maybe, maybe, flag).as(LinkFrame.SetActiveRemoteDestination::new),
                Combinators.combine(id, maybe, maybe, maybe, flag).as(LinkFrame.AddRemoteDestination::new),
                Combinators.combine(id, maybe, maybe).as(LinkFrame.RemoveRemoteDestination::new),
                Combinators.combine(id, change.list().ofMaxSize(5)).as(LinkFrame.SetActiveRemoteDestinations::new),
                Combinators.combine(id, outcome.list().ofMaxSize(5)).as(LinkFrame.Outcomes::new),
                Combinators.combine(id, id.injectNull(0.5)).as(LinkFrame.Done::new),
                Combinators.combine(id, Arbitraries.of(SwitchError.class), maybe).as(LinkFrame.Failed::new),
                Arbitraries.of(new LinkFrame.Ping(), new LinkFrame.Pong()),
                Combinators.combine(maybe, destination.list().ofMaxSize(4), flag)
                        .as((d, list, last) -> new LinkFrame.Event(new SwitchEvent.RemoteDestinationsChanged(d, list, last))),
                Combinators.combine(maybe, flag).as((d, on) -> new LinkFrame.Event(new SwitchEvent.DeviceServiceChanged(d, on))));
    }

    @Test
    void otherFormsOfTheSameFramesDecodeAsDataBindingDecodesThem() throws IOException {
        LinkFrame expected = new LinkFrame.SetActiveRemoteDestination(7, "CTIRD1", "0601", true);
        assertThat(decode("{\"id\":7,\"t\":\"setActiveRemoteDestination\",\"device\":\"CTIRD1\",\"number\":\"0601\",\"active\":true}"))
                .as("type property not first").isEqualTo(expected);
        assertThat(decode("{\"t\":\"setActiveRemoteDestination\",\"number\":\"0601\",\"device\":\"CTIRD1\",\"id\":7,\"active\":true}"))
                .as("fields reordered").isEqualTo(expected);
        assertThat(decode("{\"t\":\"setActiveRemoteDestination\",\"id\":\"7\",\"device\":\"CTIRD1\",\"number\":\"0601\",\"active\":true}"))
                .as("id as a string, coerced by data binding").isEqualTo(expected);
        assertThat(decode("{\"t\":\"done\",\"id\":3}")).as("missing optional value").isEqualTo(new LinkFrame.Done(3, null));
        assertThat(decode("{\"t\":\"event\",\"event\":{\"device\":\"CTIRD1\",\"kind\":\"deviceServiceChanged\",\"inService\":false}}"))
                .isEqualTo(new LinkFrame.Event(new SwitchEvent.DeviceServiceChanged("CTIRD1", false)));
        assertThat(decode("{\"t\":\"setActiveRemoteDestinations\",\"changes\":[{\"number\":\"0601\",\"device\":\"CTIRD1\",\"active\":true}],\"id\":9}"))
                .as("a takeover's request, fields reordered").isEqualTo(new LinkFrame.SetActiveRemoteDestinations(9,
                        List.of(new ActiveDestination("CTIRD1", "0601", true))));
        assertThat(decode("{\"t\":\"outcomes\",\"id\":9,\"outcomes\":[{\"error\":null,\"message\":null},{\"message\":\"gone\",\"error\":\"REMOTE_DESTINATION_UNAVAILABLE\"}]}"))
                .as("its answer, an item's fields reordered").isEqualTo(new LinkFrame.Outcomes(9, List.of(VerbOutcome.DONE,
                        new VerbOutcome(SwitchError.REMOTE_DESTINATION_UNAVAILABLE, "gone"))));
        assertThat(decode("{\"t\":\"ping\"} "))
                .as("trailing white space").isEqualTo(new LinkFrame.Ping());
    }

    @Test
    void irregularFramesAreRefusedAsDataBindingRefusesThem() {
        for (String json : List.of(
                "{\"t\":\"setActiveRemoteDestination\",\"id\":7,\"device\":\"CTIRD1\",\"number\":\"0601\",\"active\":true,\"extra\":1}",
                "{\"t\":\"failed\",\"id\":1,\"error\":\"NO_SUCH_ERROR\",\"message\":\"x\"}",
                "{\"t\":\"event\",\"event\":{\"kind\":\"remoteDestinationsChanged\",\"device\":\"D\",\"destinations\":[{\"name\":null,"
                        + "\"number\":\"1\",\"active\":true}],\"lastSetByThisLink\":true}}",
                "{\"t\":\"done\",\"id\":1,\"value\":null",
                "{\"t\":\"setActiveRemoteDestinations\",\"id\":1,\"changes\":[{\"device\":null,\"number\":\"1\",\"active\":true}]}",
                "{\"t\":\"outcomes\",\"id\":1,\"outcomes\":[{\"error\":\"NO_SUCH_ERROR\",\"message\":\"x\"}]}",
                "{\"t\":\"nosuchframe\",\"id\":1}")) {
            assertThatThrownBy(() -> decode(json)).as(json).isInstanceOf(IOException.class)
                    .satisfies(e -> assertThatThrownBy(() -> LinkCodec.dataBinding().readValue(json, LinkFrame.class))
                            .isInstanceOf(e.getClass()));
        }
    }
}
