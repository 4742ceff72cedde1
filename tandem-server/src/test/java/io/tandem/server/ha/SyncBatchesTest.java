package io.tandem.server.ha;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.protocol.KeyValueList;
import io.tandem.server.call.LiveCall;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A full synchronization never sends a frame the other side refuses (security-probe D5). */
class SyncBatchesTest {

    @Test
    void itemsAreBatchedByCountAndBySize() {
        List<JsonNode> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(SyncCodec.toTree(new LiveCall(i, "c" + i, KeyValueList.EMPTY.with("notes", "n".repeat(16_000)))));
        }
        List<List<JsonNode>> batches = SyncCodec.batches(calls, Replication.BATCH);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(300);
        assertThat(batches).allSatisfy(batch -> assertThat(SyncCodec.encode(new SyncMessage.FullSync("calls", batch)).length())
                .isLessThanOrEqualTo(SyncCodec.MAX_LINE_BYTES));
        assertThat(batches).hasSizeGreaterThan(1);

        List<JsonNode> small = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            small.add(SyncCodec.toTree(new LiveCall(i, "c" + i, KeyValueList.EMPTY)));
        }
        assertThat(SyncCodec.batches(small, Replication.BATCH)).extracting(List::size).containsExactly(500, 500, 200);
    }
}
