/**
 * Metrics in the Prometheus text format: the registry every component records into (Micrometer) and the
 * {@code GET /metrics} route that serves it.
 */
package io.tandem.common.metrics;
