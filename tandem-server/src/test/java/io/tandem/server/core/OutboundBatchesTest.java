package io.tandem.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboundBatchesTest {

    private final AtomicBoolean coreIdle = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final OutboundBatches batches = new OutboundBatches(coreIdle::get, now::get);
    private final List<String> flushed = new ArrayList<>();

    private OutboundBatches.Connection connection(String name) {
        return () -> flushed.add(name);
    }

    @Test
    void whileTheCoreHasWorkWaitingFramesWaitUntilItIsIdle() {
        batches.started(connection("desk-1"));
        batches.started(connection("desk-2"));
        batches.afterTask();
        assertThat(flushed).as("the core has more work: nothing leaves yet").isEmpty();
        assertThat(batches.gathering()).isEqualTo(2);
        coreIdle.set(true);
        batches.afterTask();
        assertThat(flushed).containsExactly("desk-1", "desk-2");
        assertThat(batches.gathering()).isZero();
        batches.afterTask();
        assertThat(flushed).as("each connection flushed once").hasSize(2);
    }

    @Test
    void aBusyCoreStillSendsOnceTheOldestFrameWaitedItsBound() {
        batches.started(connection("desk-1"));
        now.addAndGet(OutboundBatches.MAX_WAIT_NANOS / 2);
        batches.started(connection("desk-2"));
        batches.afterTask();
        assertThat(flushed).isEmpty();
        now.addAndGet(OutboundBatches.MAX_WAIT_NANOS / 2);
        batches.afterTask();
        assertThat(flushed).as("the bound runs from the oldest frame").containsExactly("desk-1", "desk-2");
        batches.started(connection("desk-3"));
        batches.afterTask();
        assertThat(flushed).as("a new batch starts its own wait").hasSize(2);
    }
}
