package org.boothwatch.gateway;

import org.slf4j.Logger;

/**
 * WARN lines at most {@code perSecond} a second; the ones over budget are counted and summed up in one line
 * when the next second starts, so a flood of one kind of problem cannot fill the disk with log lines.
 */
final class WarnBudget {
    private final Logger log;
    private final int perSecond;
    private final String droppedWhat;
    private long windowStartNanos;
    private int logged;
    private long dropped;

    WarnBudget(Logger log, int perSecond, String droppedWhat) {
        this.log = log;
        this.perSecond = perSecond;
        this.droppedWhat = droppedWhat;
    }

    synchronized void warn(String format, Object... args) {
        long now = System.nanoTime();
        if (now - windowStartNanos >= 1_000_000_000L) {
            if (dropped > 0) log.warn("{} more {}", dropped, droppedWhat);
            windowStartNanos = now;
            logged = 0;
            dropped = 0;
        }
        if (logged++ < perSecond) log.warn(format, args);
        else dropped++;
    }
}
