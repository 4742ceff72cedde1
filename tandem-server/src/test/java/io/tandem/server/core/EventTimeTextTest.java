package io.tandem.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventTimeTextTest {

    private final EventTimeText text = new EventTimeText();

    @Test
    void writesWhatInstantToStringWrites() {
        assertThat(text.format(Instant.parse("2026-12-03T08:20:16Z"))).isEqualTo("2026-12-03T08:20:16Z");
        assertThat(text.format(Instant.parse("2026-12-03T08:20:16.708Z"))).isEqualTo("2026-12-03T08:20:16.708Z");
        assertThat(text.format(Instant.parse("2026-12-03T08:20:16.000001Z"))).isEqualTo("2026-12-03T08:20:16.000001Z");
        assertThat(text.format(Instant.parse("2026-12-03T08:20:16.027898087Z"))).isEqualTo("2026-12-03T08:20:16.027898087Z");
        assertThat(text.format(Instant.parse("2026-12-03T08:20:17.000000005Z"))).as("the next second").isEqualTo("2026-12-03T08:20:17.000000005Z");
        assertThat(text.format(Instant.parse("2026-12-03T08:20:16.100Z"))).as("back to an earlier second").isEqualTo("2026-12-03T08:20:16.100Z");
    }

    @Test
    void agreesWithInstantToStringOnRandomInstantsIncludingOutsideTheCachedRange() {
        SplittableRandom random = new SplittableRandom(17);
        long second = 1_764_750_000L;
        for (int i = 0; i < 100_000; i++) {
            second += random.nextInt(3); // runs of events within one second, as in a burst
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(second, nano);
            assertThat(text.format(time)).isEqualTo(time.toString());
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(-1, 5), Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("+10000-01-01T00:00:00.5Z"), Instant.MIN, Instant.MAX}) {
            assertThat(text.format(edge)).isEqualTo(edge.toString());
        }
    }
}
