/**
 * Starting Tandem as a real child process (by the class name of its command line, on a given class path) and writing
 * the configurations that load is run against. Used by the benchmarks and by the process tests; not part of the
 * shipped product, and it depends on no other Tandem module.
 */
package io.tandem.process;
