package io.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The generator's own page faults, from {@code /proc/self/stat}. */
class GeneratorMemoryTest {

    @Test
    void minorFaultsAreTheEighthFieldAfterTheCommandWhateverTheCommandHolds() {
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 987654 12 3 0 1500 200 0 0 20 0 40 0 76 0 0\n";
        assertThat(GeneratorMemory.minorFaults(stat)).isEqualTo(987_654);
    }

    @Test
    void touchingFreshMemoryCountsFaultsInThisProcess() {
        long before = GeneratorMemory.minorFaults();
        ByteBuffer fresh = ByteBuffer.allocateDirect(32 * 1024 * 1024); // zeroed by the JVM: every page is touched
        long after = GeneratorMemory.minorFaults();
        assertThat(fresh.capacity()).isPositive();
        assertThat(before).isNotNegative();
        assertThat(after).isGreaterThan(before);
        assertThat(GeneratorMemory.faultsSince(before)).isGreaterThanOrEqualTo(after - before);
    }

    @Test
    void faultsSinceAFailedReadingAreUnknown() {
        assertThat(GeneratorMemory.faultsSince(-1)).isEqualTo(-1);
    }
}
