package io.tandem.common.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Figures of this JVM for health reports, read by operators and by the benchmarks ({@code GET /api/health}). */
public final class JvmFigures {

    private JvmFigures() {
    }

    /**
     * This process's CPU time, JIT compilation time, bytes allocated on the heap so far (by all threads, live or ended),
     * heap (used, peak over the heap pools, maximum) and uptime, as the {@code jvm} object of a health report.
     */
    public static Map<String, Object> now() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            jvm.put("cpuTimeMs", sun.getProcessCpuTime() / 1_000_000);
        }
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            jvm.put("compilationTimeMs", jit.getTotalCompilationTime());
        }
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
            jvm.put("allocatedBytes", threads.getTotalThreadAllocatedBytes());
        }
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        jvm.put("heapUsedBytes", heap.getUsed());
        jvm.put("heapPeakBytes", peak);
        jvm.put("heapMaxBytes", heap.getMax());
        jvm.put("uptimeMs", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return jvm;
    }
}
