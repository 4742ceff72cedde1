package io.tandem.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The untimed warm-up before a measurement: a scenario's own traffic in passes of {@code --warmup} seconds, repeated until
 * the JIT compilers of the server and of this generator are quiet, at most {@code --warmup-limit} seconds. A pass is
 * quiet when both JVMs together spent less than {@link #QUIET_SHARE} of its wall time compiling (the compilers' own
 * figure, {@code CompilationMXBean.getTotalCompilationTime}; the server's is read from {@code GET /api/health}).
 *
 * <p>Why: on the standard 2-core machine a freshly started server and generator keep their C2 compilers busy for one to
 * two minutes of traffic, using up to half of the machine, so a fixed five-second warm-up measured the JIT more than
 * the server (docs/benchmarks.md, "GC and warm-up").
 */
final class JitWarmup {

    /** The share of a pass's wall time below which the compilers count as quiet. */
    static final double QUIET_SHARE = 0.05;

    /** One warm-up pass of the scenario's traffic, about {@code length} long. */
    @FunctionalInterface
    interface Pass {
        void run(Duration length) throws Exception;
    }

    private final Duration pass;
    private final Duration limit;
    private final LongSupplier serverCompileMillis;
    private final LongSupplier ownCompileMillis;
    private final LongSupplier nanoTime;
    private int passes;
    private long millis;
    private boolean quiet;
    private long serverCompiledAtEnd = -1;

    /**
     * @param pass length of one pass; zero for no warm-up
     * @param limit at most this long in all; zero for one pass whatever the JIT does
     * @param serverCompileMillis the server's total compilation time, or -1 when it does not report one
     */
    JitWarmup(Duration pass, Duration limit, LongSupplier serverCompileMillis) {
        this(pass, limit, serverCompileMillis, JitWarmup::ownCompileMillis, System::nanoTime);
    }

    /** The same with this JVM's compilation time and the clock given, for tests. */
    JitWarmup(Duration pass, Duration limit, LongSupplier serverCompileMillis, LongSupplier ownCompileMillis, LongSupplier nanoTime) {
        this.pass = pass;
        this.limit = limit;
        this.serverCompileMillis = serverCompileMillis;
        this.ownCompileMillis = ownCompileMillis;
        this.nanoTime = nanoTime;
    }

    /** Runs passes until a quiet one or the limit. */
    void run(Pass scenario) throws Exception {
        if (pass.isZero()) {
            return;
        }
        long start = nanoTime.getAsLong();
        do {
            long compiledBefore = compileMillis();
            long passStart = nanoTime.getAsLong();
            scenario.run(pass);
            passes++;
            long wallMillis = (nanoTime.getAsLong() - passStart) / 1_000_000;
            long compiled = compileMillis() - compiledBefore;
            quiet = compiled < QUIET_SHARE * wallMillis;
        } while (!quiet && nanoTime.getAsLong() - start < limit.toNanos());
        millis = (nanoTime.getAsLong() - start) / 1_000_000;
        serverCompiledAtEnd = serverCompileMillis.getAsLong();
    }

    /** The server's total compilation time when the warm-up ended, or -1 (no warm-up, or not reported). */
    long serverCompiledAtEnd() {
        return serverCompiledAtEnd;
    }

    /** The warm-up's figures (passes, seconds, and whether the last pass was quiet), unless there was none. */
    BenchResult describe(BenchResult result) {
        if (passes == 0) {
            return result;
        }
        return result.put("warmup.passes", passes).put("warmup.seconds", Math.round(millis / 100.0) / 10.0).put("warmup.jitQuiet", quiet);
    }

    /** Passes run so far. */
    int passes() {
        return passes;
    }

    /** Whether the last pass was quiet. */
    boolean quiet() {
        return quiet;
    }

    private long compileMillis() {
        return ownCompileMillis.getAsLong() + Math.max(0, serverCompileMillis.getAsLong());
    }

    private static long ownCompileMillis() {
        CompilationMXBean own = ManagementFactory.getCompilationMXBean();
        return own != null && own.isCompilationTimeMonitoringSupported() ? own.getTotalCompilationTime() : 0;
    }
}
