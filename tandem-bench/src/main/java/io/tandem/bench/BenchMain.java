package io.tandem.bench;

import picocli.CommandLine;

/**
 * {@code ./tandem bench}: the load generator and the JMH benchmarks run from their own jar (tandem-bench), so that the
 * shipped product carries neither; the launcher script sends {@code bench} here.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs the bench command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the bench command line ({@code args} after the word "bench"); returns the exit status. */
    public static int execute(String... args) {
        return new CommandLine(new BenchCommand()).setCommandName("tandem bench").execute(args);
    }
}
