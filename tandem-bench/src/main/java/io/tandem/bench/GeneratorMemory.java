package io.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the generator's own memory costs it: the minor page faults of its process. A JVM whose heap grows into memory it
 * has not touched before takes a fault for every fresh page, and the kernel zeroes each: on the 2-core machine a generator
 * with the JVM's default heap (a quarter of the memory, 6 GB) spent about a quarter of its CPU there during a switchover
 * run, so the launcher gives the bench a fixed heap touched at start (docs/benchmarks.md, Method). The bench reports the
 * faults per cycle so that a run can be seen to be free of them.
 */
final class GeneratorMemory {

    private GeneratorMemory() {
    }

    /** This process's minor page faults since it started, or -1 where {@code /proc/self/stat} cannot be read. */
    static long minorFaults() {
        try {
            return minorFaults(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The minor page faults since a {@link #minorFaults()} reading of {@code before}, or -1 when either reading failed. */
    static long faultsSince(long before) {
        long now = minorFaults();
        return before < 0 || now < 0 ? -1 : now - before;
    }

    /** The minor faults of a {@code /proc/PID/stat} line: the 8th field after the command (the state is the 1st). */
    static long minorFaults(String stat) {
        return Long.parseLong(KernelDaemons.fieldsAfterCommand(stat)[7]);
    }

    /** The generator's maximum heap, in MB. */
    static long heapMaxMB() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }
}
