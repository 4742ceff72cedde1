package io.tandem.ucm.em;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** Where Extension Mobility lives: the switch that runs it on its thread (the EM API reaches it only through this). */
public interface EmHost {

    /** Runs {@code work} with Extension Mobility on the switch thread, as one task. */
    <T> CompletableFuture<T> withExtensionMobility(Function<ExtensionMobility, T> work);

    /** The switch thread's scheduler. */
    ScheduledExecutorService scheduler();
}
