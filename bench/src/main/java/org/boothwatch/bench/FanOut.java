package org.boothwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When each booth's client handed it a gateway status refresh (nanoTime). The refreshes come once a second
 * and reach every booth at once, so arrivals less than {@link #GAP_NANOS} apart belong to one refresh; the
 * spread from its first to its last arrival is how long one refresh keeps the booths' JVM busy.
 */
final class FanOut {
    private static final long GAP_NANOS = 300_000_000L;
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private volatile long from = Long.MAX_VALUE;

    void arrived(long nanos) {
        if (nanos >= from) arrivals.add(nanos);
    }

    /** Arrivals before this are left out (the warm-up). */
    void measureFrom(long nanos) {
        from = nanos;
    }

    /**
     * Spreads (ms) of the refreshes, first to last arrival. A cluster with fewer than half the expected arrivals
     * is left out: a refresh cut by the start or end of the window.
     */
    private List<Double> spreadsMs(int expectedPerRefresh) {
        List<Long> t = new ArrayList<>(arrivals);
        t.sort(null);
        List<Double> spreads = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= t.size(); i++) {
            if (i == t.size() || t.get(i) - t.get(i - 1) > GAP_NANOS) {
                if (i - start >= expectedPerRefresh / 2) spreads.add((t.get(i - 1) - t.get(start)) / 1e6);
                start = i;
            }
        }
        return spreads;
    }

    String summary(int expectedPerRefresh) {
        List<Double> s = spreadsMs(expectedPerRefresh);
        if (s.isEmpty()) return "no refreshes seen";
        s.sort(null);
        return String.format(Locale.ROOT, "refresh fan-out to %d clients: n=%d, first to last arrival p50 %.1f ms, max %.1f ms",
                expectedPerRefresh, s.size(), s.get(s.size() / 2), s.get(s.size() - 1));
    }
}
