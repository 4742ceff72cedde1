/** Benchmarks: JMH micro-benchmarks of the hot paths. */
package io.tandem.bench;
