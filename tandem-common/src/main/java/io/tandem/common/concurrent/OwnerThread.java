package io.tandem.common.concurrent;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a piece of state (the CTI core, the embedded switch), with its task queue measured and
 * bounded where input can be refused: {@link #admit} runs work only while fewer than {@code capacity} tasks wait, and
 * otherwise fails it with {@link OwnerBusyException} at once. Work that must not be refused (timers, the completions of
 * the owner's own requests, input already bounded at its source) uses {@link #execute} as with any executor.
 *
 * <p>Tasks to run now wait in a plain FIFO queue; timers are kept by a second thread ("NAME-timer") that hands each to
 * the owner when it is due, so that a deep queue of work does not pay a priority queue's ordering for every task. A
 * timer cancelled on the owner thread before it ran never runs, even if it was due and handed over already. A periodic
 * task's delay runs from its hand-over. A task that throws is logged and the thread goes on.
 */
public final class OwnerThread extends AbstractExecutorService implements ScheduledExecutorService {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerThread.class);

    private final String name;
    private final int capacity;
    private final AtomicLong refused = new AtomicLong();
    private final ThreadPoolExecutor runner;
    private final ScheduledThreadPoolExecutor timer;
    private volatile Runnable afterTask;

    /** An owner thread named {@code name} that admits work while fewer than {@code capacity} tasks wait. */
    public OwnerThread(String name, int capacity) {
        this.name = name;
        this.capacity = capacity;
        this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name));
        this.timer = new ScheduledThreadPoolExecutor(1, daemon(name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code work} on this thread, or fails at once with {@link OwnerBusyException} when the queue is full. */
    public <T> CompletableFuture<T> admit(Supplier<T> work) {
        if (queued() >= capacity) {
            refused.incrementAndGet();
            return CompletableFuture.failedFuture(new OwnerBusyException(name + " has " + capacity + " tasks waiting; try again"));
        }
        return CompletableFuture.supplyAsync(work, this);
    }

    /** Tasks waiting to run now (a gauge; timers not yet due are not counted). */
    public int queued() {
        return runner.getQueue().size();
    }

    /** Work refused because the queue was full, since the start. */
    public long refused() {
        return refused.get();
    }

    /** The most tasks that may wait before {@link #admit} refuses. */
    public int capacity() {
        return capacity;
    }

    /**
     * Runs {@code hook} on this thread after every task, for work that gathers what the tasks produce (outbound frames
     * sent in one write per connection); set once, before the thread has work. The hook must be quick; if it throws,
     * that is logged.
     */
    public void afterEachTask(Runnable hook) {
        this.afterTask = hook;
    }

    /** Whether no task waits to run now (for the after-task hook). */
    public boolean nothingWaiting() {
        return runner.getQueue().isEmpty();
    }

    @Override
    public void execute(Runnable task) {
        runner.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("a task of {} failed: {}", name, e.toString(), e);
            }
            Runnable hook = afterTask;
            if (hook != null) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    LOG.error("the after-task hook of {} failed: {}", name, e.toString(), e);
                }
            }
        });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(() -> {
            task.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        Timer<V> t = new Timer<>(task, false);
        t.due = timer.schedule(() -> handOver(t), delay, unit);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        Timer<Object> t = periodic(task);
        t.due = timer.scheduleAtFixedRate(() -> handOver(t), initialDelay, period, unit);
        return t;
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        Timer<Object> t = periodic(task);
        t.due = timer.scheduleWithFixedDelay(() -> handOver(t), initialDelay, delay, unit);
        return t;
    }

    private static Timer<Object> periodic(Runnable task) {
        return new Timer<>(() -> {
            task.run();
            return null;
        }, true);
    }

    private void handOver(Timer<?> t) {
        try {
            execute(t::runOnOwner);
        } catch (RejectedExecutionException e) {
            t.cancel(false); // shut down
        }
    }

    @Override
    public void shutdown() {
        timer.shutdown();
        runner.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        timer.shutdownNow();
        return runner.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return runner.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return runner.isTerminated() && timer.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        return timer.awaitTermination(timeout, unit) && runner.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** A timer: kept by the timer thread until due, then run on the owner thread unless cancelled by then. */
    private static final class Timer<V> implements ScheduledFuture<V> {

        private final Callable<V> task;
        private final boolean periodic;
        private final CompletableFuture<V> outcome = new CompletableFuture<>();
        private volatile ScheduledFuture<?> due;
        private volatile boolean cancelled;

        Timer(Callable<V> task, boolean periodic) {
            this.task = task;
            this.periodic = periodic;
        }

        void runOnOwner() {
            if (cancelled || outcome.isDone()) {
                return;
            }
            try {
                V value = task.call();
                if (!periodic) {
                    outcome.complete(value);
                }
            } catch (Exception e) {
                outcome.completeExceptionally(e);
                ScheduledFuture<?> d = due;
                if (d != null) {
                    d.cancel(false);
                }
                LOG.error("a timer failed: {}", e.toString(), e);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (outcome.isDone()) {
                return false;
            }
            cancelled = true;
            ScheduledFuture<?> d = due;
            if (d != null) {
                d.cancel(false);
            }
            return outcome.cancel(false);
        }

        @Override
        public boolean isCancelled() {
            return outcome.isCancelled();
        }

        @Override
        public boolean isDone() {
            return outcome.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return outcome.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return outcome.get(timeout, unit);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            ScheduledFuture<?> d = due;
            return d == null ? 0 : d.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** Thrown when an owner thread's queue is full: try again later (HTTP answers 503). */
    public static final class OwnerBusyException extends RejectedExecutionException {
        OwnerBusyException(String message) {
            super(message);
        }
    }
}
