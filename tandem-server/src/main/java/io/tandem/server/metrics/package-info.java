/**
 * The CTI server's metrics: clients, registrations, extended terminals, events sent per type, request
 * latency, per-client queue depth, HA role and sync lag. Recorded into the process's Micrometer registry and
 * served at {@code /metrics}.
 */
package io.tandem.server.metrics;
