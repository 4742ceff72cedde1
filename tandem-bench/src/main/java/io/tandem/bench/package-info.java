/**
 * Benchmarks: the load generator behind {@code ./tandem bench} (scenarios driving a Tandem server over real
 * TCP with many simulated client applications, HDR latency histograms, the server process's CPU time and
 * heap, and a minimal Netty baseline server measured in the same run), and JMH micro-benchmarks of the hot
 * paths.
 */
package io.tandem.bench;
