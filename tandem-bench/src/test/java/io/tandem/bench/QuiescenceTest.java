package io.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Quiescence} on real processes: an idle one is quiet after one window, a busy one never. */
class QuiescenceTest {

    @Test
    void anIdleProcessIsQuietAfterOneWindow() throws Exception {
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            long waited = Quiescence.await(List.of(idle.toHandle()), Duration.ofSeconds(5));
            assertThat(waited).isBetween(Quiescence.WINDOW.toMillis(), 2 * Quiescence.WINDOW.toMillis());
        } finally {
            idle.destroyForcibly();
        }
    }

    @Test
    void aBusyProcessIsNeverQuietAndTheLimitEndsTheWait() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            assertThat(Quiescence.await(List.of(busy.toHandle()), Duration.ofMillis(2500))).isEqualTo(-1);
        } finally {
            busy.destroyForcibly();
        }
    }
}
