package io.tandem.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An owner thread admits work while its queue has room, refuses it at once when full, and counts the refusals. */
class OwnerThreadTest {

    private final OwnerThread owner = new OwnerThread("test-owner", 3);

    @AfterEach
    void stop() {
        owner.shutdownNow();
    }

    @Test
    void workBeyondTheCapacityIsRefusedAtOnceAndAdmittedAgainOnceTheQueueDrains() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        owner.execute(() -> {
            running.countDown();
            await(hold);
        });
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<?>[] admitted = new CompletableFuture<?>[3];
        for (int i = 0; i < 3; i++) {
            int n = i;
            admitted[i] = owner.admit(() -> n);
        }
        assertThat(owner.queued()).isEqualTo(3);

        CompletableFuture<Integer> refused = owner.admit(() -> 99);
        assertThat(refused).isCompletedExceptionally();
        Throwable failure = catchThrowable(refused::get);
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(OwnerThread.OwnerBusyException.class)
                .hasMessage("test-owner has 3 tasks waiting; try again");
        assertThat(owner.refused()).isEqualTo(1);

        hold.countDown();
        assertThat(CompletableFuture.allOf(admitted).thenApply(v -> admitted[2].join()).get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(owner.admit(() -> 7).get(5, TimeUnit.SECONDS)).isEqualTo(7);
        assertThat(owner.queued()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
