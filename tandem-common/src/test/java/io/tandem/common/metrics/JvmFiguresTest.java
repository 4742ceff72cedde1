package io.tandem.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM figures of health reports. */
class JvmFiguresTest {

    /** Kept reachable so that the allocation below cannot be optimized away. */
    private static byte[][] kept;

    @Test
    void reportsTheFiguresTheBenchmarksRead() {
        Map<String, Object> jvm = JvmFigures.now();
        assertThat(jvm).containsKeys("cpuTimeMs", "compilationTimeMs", "allocatedBytes", "heapUsedBytes", "heapPeakBytes",
                "heapMaxBytes", "uptimeMs");
        assertThat((long) jvm.get("heapPeakBytes")).isPositive();
        assertThat((long) jvm.get("heapMaxBytes")).isGreaterThanOrEqualTo((long) jvm.get("heapUsedBytes"));
    }

    @Test
    void allocatedBytesCountWhatThisThreadAllocates() {
        long before = (long) JvmFigures.now().get("allocatedBytes");
        kept = new byte[16][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[1024 * 1024];
        }
        long after = (long) JvmFigures.now().get("allocatedBytes");
        assertThat(after - before).isGreaterThanOrEqualTo(16L * 1024 * 1024);
    }
}
