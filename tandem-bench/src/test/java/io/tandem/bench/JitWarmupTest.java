package io.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitWarmupTest {

    /** A clock advanced by the passes, and compilers whose time each pass adds as scripted. */
    private static final class Script {
        final AtomicLong nanos = new AtomicLong();
        final AtomicLong server = new AtomicLong();
        final AtomicLong own = new AtomicLong();
        final List<Duration> lengths = new ArrayList<>();

        JitWarmup.Pass pass(long[] serverMillisPerPass, long[] ownMillisPerPass) {
            return length -> {
                int i = lengths.size();
                lengths.add(length);
                nanos.addAndGet(length.toNanos());
                server.addAndGet(serverMillisPerPass[Math.min(i, serverMillisPerPass.length - 1)]);
                own.addAndGet(ownMillisPerPass[Math.min(i, ownMillisPerPass.length - 1)]);
            };
        }

        JitWarmup warmup(Duration pass, Duration limit) {
            return new JitWarmup(pass, limit, server::get, own::get, nanos::get);
        }
    }

    @Test
    void repeatsPassesUntilBothCompilersTogetherSpendLessThanFivePercentOfAPass() throws Exception {
        Script s = new Script();
        JitWarmup warmup = s.warmup(Duration.ofSeconds(10), Duration.ofSeconds(180));
        // 10 s passes: 4 s, 0.3 s + 0.3 s (6 %, still busy), then 0.3 s + 0.19 s (4.9 %, quiet)
        warmup.run(s.pass(new long[] {4_000, 300, 300, 0}, new long[] {0, 300, 190, 0}));

        assertThat(warmup.passes()).isEqualTo(3);
        assertThat(warmup.quiet()).isTrue();
        assertThat(s.lengths).containsOnly(Duration.ofSeconds(10));
        assertThat(warmup.serverCompiledAtEnd()).isEqualTo(4_600);
        assertThat(warmup.describe(new BenchResult("t")).figures())
                .containsEntry("warmup.passes", 3).containsEntry("warmup.seconds", 30.0).containsEntry("warmup.jitQuiet", true);
    }

    @Test
    void stopsAtTheLimitWhenTheCompilersNeverQuietDown() throws Exception {
        Script s = new Script();
        JitWarmup warmup = s.warmup(Duration.ofSeconds(10), Duration.ofSeconds(25));
        warmup.run(s.pass(new long[] {1_000}, new long[] {0}));

        assertThat(warmup.passes()).isEqualTo(3); // 10, 20 (< 25, so once more), 30 s
        assertThat(warmup.quiet()).isFalse();
    }

    @Test
    void aZeroLimitRunsOnePassAndAZeroPassNone() throws Exception {
        Script s = new Script();
        JitWarmup once = s.warmup(Duration.ofSeconds(5), Duration.ZERO);
        once.run(s.pass(new long[] {2_000}, new long[] {0}));
        assertThat(once.passes()).isEqualTo(1);

        JitWarmup none = s.warmup(Duration.ZERO, Duration.ofSeconds(180));
        none.run(s.pass(new long[] {2_000}, new long[] {0}));
        assertThat(none.passes()).isZero();
        assertThat(none.describe(new BenchResult("t")).figures()).doesNotContainKey("warmup.passes");
        assertThat(none.serverCompiledAtEnd()).isEqualTo(-1);
        assertThat(s.lengths).hasSize(1);
    }

    @Test
    void aServerThatReportsNoCompilationTimeCountsOnlyTheGenerator() throws Exception {
        AtomicLong nanos = new AtomicLong();
        AtomicLong own = new AtomicLong();
        JitWarmup warmup = new JitWarmup(Duration.ofSeconds(10), Duration.ofSeconds(60), () -> -1, own::get, nanos::get);
        warmup.run(length -> {
            nanos.addAndGet(length.toNanos());
            own.addAndGet(own.get() == 0 ? 2_000 : 100);
        });
        assertThat(warmup.passes()).isEqualTo(2);
        assertThat(warmup.quiet()).isTrue();
    }
}
