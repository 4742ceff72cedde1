package io.tandem.ucm.em;

import io.tandem.common.http.HttpReply;
import io.tandem.ucm.config.SwitchConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CUCM's "Maximum Concurrent Requests": at most that many login/logout operations at once, each holding its
 * slot until the phone has restarted; further requests wait in a bounded queue, and beyond it fail with 26.
 */
final class EmAdmission {

    private final int maximum;
    private final int queueSize;
    private final int phoneResetMillis;
    private final ScheduledExecutorService scheduler;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int active;

    EmAdmission(SwitchConfig.EmParameters parameters, ScheduledExecutorService scheduler) {
        this.maximum = parameters.maximumConcurrentRequests();
        this.queueSize = parameters.requestQueue();
        this.phoneResetMillis = parameters.phoneResetMillis();
        this.scheduler = scheduler;
    }

    /** Starts {@code operation} now or when a slot frees; false when the queue is full too. */
    boolean admit(Runnable operation) {
        synchronized (this) {
            if (active >= maximum) {
                if (waiting.size() >= queueSize) {
                    return false;
                }
                waiting.addLast(operation);
                return true;
            }
            active++;
        }
        operation.run();
        return true;
    }

    /** Operations running now (a slot is held until the phone has restarted). */
    synchronized int active() {
        return active;
    }

    /** Operations waiting for a slot. */
    synchronized int queued() {
        return waiting.size();
    }

    /** Frees a slot, starting the next waiting operation in it. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                active--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Completes with {@code reply} once the phone has restarted. */
    CompletableFuture<HttpReply> afterPhoneReset(HttpReply reply) {
        if (phoneResetMillis == 0) {
            return CompletableFuture.completedFuture(reply);
        }
        CompletableFuture<HttpReply> later = new CompletableFuture<>();
        scheduler.schedule(() -> later.complete(reply), phoneResetMillis, TimeUnit.MILLISECONDS);
        return later;
    }
}
