package org.boothwatch.contract;

import java.time.Duration;
import java.time.Instant;

/** A time source that only moves when told to: for tests. Thread-safe. */
public final class ManualTimeSource implements TimeSource {
    private long nanos;
    private Instant wall;

    public ManualTimeSource(Instant start) {
        this.wall = start;
    }

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return wall;
    }

    /** Moves both clocks forward together. */
    public synchronized void advance(Duration d) {
        nanos += d.toNanos();
        wall = wall.plus(d);
    }

    /** Steps only the wall clock, as NTP does after boot on a Pi without an RTC. */
    public synchronized void jumpWall(Duration d) {
        wall = wall.plus(d);
    }
}
