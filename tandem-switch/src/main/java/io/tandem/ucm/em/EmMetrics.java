package io.tandem.ucm.em;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Extension Mobility API meters: {@code tandem_em_operations_total{operation,result}} for every request
 * and query answered (operation: login, logout, logoutAll, query, or unknown when the document could not
 * be read), and {@code tandem_em_errors_total{operation,code}} for each failure by its EM error code.
 * Thread-safe.
 */
final class EmMetrics {

    private final MeterRegistry registry;

    EmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code operation} was answered: successfully when {@code error} is null. */
    void answered(String operation, EmError error) {
        registry.counter("tandem.em.operations", "operation", operation, "result", error == null ? "ok" : "error").increment();
        if (error != null) {
            registry.counter("tandem.em.errors", "operation", operation, "code", String.valueOf(error.code())).increment();
        }
    }
}
