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
    void theAfterTaskHookRunsOnTheOwnerAfterEveryTaskAndSeesWhetherMoreWaits() throws Exception {
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch hooks = new CountDownLatch(4);
        owner.afterEachTask(() -> {
            seen.add(Thread.currentThread().getName() + (owner.nothingWaiting() ? " idle" : " busy"));
            hooks.countDown();
        });
        owner.execute(() -> await(hold));
        owner.execute(() -> seen.add("second"));
        owner.execute(() -> {
            throw new IllegalStateException("a failing task");
        });
        owner.execute(() -> { });
        hold.countDown();
        assertThat(hooks.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("after a failing task too; idle only after the last")
                .containsExactly("test-owner busy", "second", "test-owner busy", "test-owner busy", "test-owner idle");
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

    @Test
    void aTimerRunsOnTheOwnerThreadAfterWorkQueuedBeforeItWasDueAndNotAtAllOnceCancelled() throws Exception {
        java.util.List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>> toCancel = new java.util.concurrent.atomic.AtomicReference<>();
        owner.execute(() -> {
            await(hold);
            toCancel.get().cancel(false); // on the owner thread, after the timer was handed over, before it ran
        });
        java.util.concurrent.ScheduledFuture<?> kept = owner.schedule(() -> ran.add("timer on " + Thread.currentThread().getName()), 0,
                TimeUnit.MILLISECONDS);
        java.util.concurrent.ScheduledFuture<?> dropped = owner.schedule(() -> ran.add("cancelled timer"), 0, TimeUnit.MILLISECONDS);
        toCancel.set(dropped);
        owner.execute(() -> ran.add("work"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> owner.queued() == 3);
        hold.countDown();

        kept.get(5, TimeUnit.SECONDS);
        owner.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactlyInAnyOrder("work", "timer on test-owner");
        assertThat(dropped.isCancelled()).isTrue();
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheThreadAndAPeriodicTaskRunsUntilCancelled() throws Exception {
        owner.execute(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(owner.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS)).isEqualTo("test-owner");
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledFuture<?> tick = owner.scheduleWithFixedDelay(runs::incrementAndGet, 0, 10, TimeUnit.MILLISECONDS);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        owner.submit(() -> tick.cancel(false)).get(5, TimeUnit.SECONDS);
        int after = runs.get();
        owner.schedule(() -> { }, 50, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertThat(runs.get()).isEqualTo(after);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
