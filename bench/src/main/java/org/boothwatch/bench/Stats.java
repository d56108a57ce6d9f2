package org.boothwatch.bench;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** A latency distribution (HdrHistogram, microsecond resolution, up to 60 s). Thread-safe. */
final class Stats {
    private final String name;
    private final Histogram h = new Histogram(60_000_000L, 3);

    Stats(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void recordNanos(long nanos) {
        h.recordValue(Math.max(0, Math.min(nanos / 1000, 60_000_000L)));
    }

    synchronized long count() {
        return h.getTotalCount();
    }

    /** Percentile in milliseconds (e.g. 99.9). */
    synchronized double ms(double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    synchronized double maxMs() {
        return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
    }

    synchronized void reset() {
        h.reset();
    }

    /** (percentile, ms) points for plotting, in ascending order. */
    synchronized List<double[]> percentileCurve() {
        List<double[]> out = new ArrayList<>();
        if (h.getTotalCount() == 0) return out;
        for (HistogramIterationValue v : h.percentiles(5)) {
            out.add(new double[] {v.getPercentileLevelIteratedTo(), v.getValueIteratedTo() / 1000.0});
        }
        return out;
    }

    String summary() {
        return String.format("n=%d p50=%.2f p99=%.2f p99.9=%.2f max=%.2f ms", count(), ms(50), ms(99), ms(99.9), maxMs());
    }
}
