package io.tandem.server.extend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sizes of a takeover's chunks: small first ones, so that the first terminals are back sooner. */
class ControlReplicaTest {

    @Test
    void theFirstChunksGrowFromASixteenthToTheChunkSize() {
        assertThat(IntStream.range(0, 7).map(i -> ControlReplica.chunkAt(i, 250)).toArray()).containsExactly(15, 31, 62, 125, 250, 250, 250);
        assertThat(IntStream.range(0, 6).map(i -> ControlReplica.chunkAt(i, 64)).toArray()).containsExactly(4, 8, 16, 32, 64, 64);
    }

    @Test
    void aChunkIsNeverEmptyNorLargerThanConfigured() {
        assertThat(IntStream.range(0, 6).map(i -> ControlReplica.chunkAt(i, 1)).toArray()).containsOnly(1);
        assertThat(IntStream.range(0, 6).map(i -> ControlReplica.chunkAt(i, 8)).toArray()).containsExactly(1, 1, 2, 4, 8, 8);
        for (int chunk = 1; chunk <= 1_000; chunk++) {
            for (int i = 0; i < 8; i++) {
                assertThat(ControlReplica.chunkAt(i, chunk)).isBetween(1, chunk);
            }
        }
    }
}
