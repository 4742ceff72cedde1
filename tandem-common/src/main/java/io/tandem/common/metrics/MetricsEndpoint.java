package io.tandem.common.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.common.http.HttpReply;
import io.tandem.common.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The process's metrics registry and its Prometheus endpoint. One registry per process: in the all-in-one
 * server the switch and the CTI server record into the same one.
 */
public final class MetricsEndpoint {

    /** The Prometheus text exposition format served at {@code /metrics}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsEndpoint() {
    }

    /** A new registry with the JVM's memory, garbage collection, thread, processor and uptime metrics. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * {@code GET /metrics}: the registry in the Prometheus text format, after {@code beforeScrape} has
     * brought the gauges up to date (it completes when they are).
     */
    public static Router routes(PrometheusMeterRegistry registry, Supplier<CompletableFuture<?>> beforeScrape) {
        return new Router().add("GET", "/metrics", io.tandem.common.http.Access.PUBLIC, exchange -> beforeScrape.get().handle((ignored, error) ->
                new HttpReply(200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8))));
    }
}
