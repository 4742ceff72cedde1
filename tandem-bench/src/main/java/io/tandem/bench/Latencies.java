package io.tandem.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies recorded from any thread into an HDR histogram (1 µs to 60 s, 3 significant digits). */
public final class Latencies {

    private final Recorder recorder = new Recorder(60_000_000L, 3);
    private Histogram total;

    /** Records one latency in nanoseconds. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(1, Math.min(nanos / 1000, 60_000_000L)));
    }

    /** The histogram of everything recorded so far (microseconds). */
    public synchronized Histogram histogram() {
        Histogram interval = recorder.getIntervalHistogram();
        if (total == null) {
            total = interval.copy();
        } else {
            total.add(interval);
        }
        return total;
    }

    /** p50, p99, p99.9 and max in milliseconds, and the count. */
    public Map<String, Object> summary() {
        Histogram h = histogram();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50Ms", ms(h.getValueAtPercentile(50)));
        m.put("p99Ms", ms(h.getValueAtPercentile(99)));
        m.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
        m.put("maxMs", ms(h.getMaxValue()));
        return m;
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
