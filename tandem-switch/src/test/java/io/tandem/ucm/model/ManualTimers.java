package io.tandem.ucm.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The call model's timers, fired by the test: each scheduled task waits until {@link #fire} runs it. */
final class ManualTimers implements CallModel.Timers {

    private record Pending(Duration delay, Runnable task) {
    }

    private final List<Pending> pending = new ArrayList<>();

    @Override
    public void schedule(Duration delay, Runnable task) {
        pending.add(new Pending(delay, task));
    }

    /** The delays asked for so far, in order. */
    List<Duration> delays() {
        return pending.stream().map(Pending::delay).toList();
    }

    /** Runs the {@code index}th task scheduled (as if its delay had passed). */
    void fire(int index) {
        pending.get(index).task().run();
    }
}
