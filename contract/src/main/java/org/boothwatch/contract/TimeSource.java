package org.boothwatch.contract;

import java.time.Instant;

/**
 * Injected time: {@link #nanos()} is monotonic and measures durations (never jumps with NTP);
 * {@link #now()} is the wall clock, used only for timestamps shown to people.
 */
public interface TimeSource {
    /** Monotonic nanoseconds, arbitrary origin. */
    long nanos();

    /** Wall-clock time for timestamps. */
    Instant now();

    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    };
}
