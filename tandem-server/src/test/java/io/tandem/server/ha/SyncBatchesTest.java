package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.protocol.KeyValueList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A full synchronization never sends a frame the other side refuses (security-probe D5). */
class SyncBatchesTest {

    @Test
    void callsAreBatchedByCountAndBySize() {
        List<LiveCall> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(new LiveCall(i, "c" + i, KeyValueList.EMPTY.with("notes", "n".repeat(16_000))));
        }
        List<List<LiveCall>> batches = SyncCodec.callBatches(calls, HighAvailability.BATCH);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(300);
        assertThat(batches).allSatisfy(batch -> assertThat(SyncCodec.encode(new SyncMessage.FullSync(List.of(), batch)).length())
                .isLessThanOrEqualTo(SyncCodec.MAX_LINE_BYTES));
        assertThat(batches).hasSizeGreaterThan(1);

        List<LiveCall> small = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            small.add(new LiveCall(i, "c" + i, KeyValueList.EMPTY));
        }
        assertThat(SyncCodec.callBatches(small, HighAvailability.BATCH)).extracting(List::size).containsExactly(500, 500, 200);
    }
}
