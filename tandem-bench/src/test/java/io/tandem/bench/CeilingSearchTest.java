package io.tandem.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CeilingSearchTest {

    /** The rates tried against a server whose true ceiling is {@code ceiling}, starting at {@code start}. */
    private static List<Integer> search(int start, int ceiling, int maxRate) {
        List<Integer> tried = new ArrayList<>();
        int sustained = 0;
        int failed = 0;
        int r = start;
        while (r != 0) {
            tried.add(r);
            if (r <= ceiling) {
                sustained = r;
            } else {
                failed = r;
            }
            r = CeilingSearch.next(sustained, failed, maxRate);
        }
        return tried;
    }

    @ParameterizedTest
    @ValueSource(ints = {1_500, 8_000, 25_000, 27_300, 40_000, 63_999})
    void theCeilingFoundIsWithinTenPercentOfTheTrueOne(int ceiling) {
        List<Integer> tried = search(1_000, ceiling, 64_000);
        int found = tried.stream().filter(r -> r <= ceiling).mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(found).isLessThanOrEqualTo(ceiling).isGreaterThanOrEqualTo((int) Math.ceil(ceiling / 1.1));
        assertThat(tried).hasSizeLessThan(12);
    }

    @Test
    void doublesThenBisects() {
        assertThat(search(1_000, 27_300, 64_000)).containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 24_000, 28_000, 26_000);
    }

    @Test
    void stopsAtTheMaximumOrWhenTheFirstRateFails() {
        assertThat(search(1_000, 100_000, 64_000)).containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000);
        assertThat(search(1_000, 500, 64_000)).containsExactly(1_000);
    }
}
