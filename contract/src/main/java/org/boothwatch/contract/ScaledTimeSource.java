package org.boothwatch.contract;

import java.time.Duration;
import java.time.Instant;

/** Virtual time running {@code speed} times faster than real time, from a common start. */
public final class ScaledTimeSource implements TimeSource {
    private final double speed;
    private final long originNanos;
    private final Instant originWall;

    public ScaledTimeSource(double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) throw new IllegalArgumentException("speed must be > 0, got " + speed);
        this.speed = speed;
        this.originNanos = System.nanoTime();
        this.originWall = Instant.now();
    }

    public double speed() {
        return speed;
    }

    @Override
    public long nanos() {
        return (long) ((System.nanoTime() - originNanos) * speed);
    }

    @Override
    public Instant now() {
        return originWall.plus(Duration.ofNanos(nanos()));
    }

    /** Real time to wait for a given virtual duration. */
    public Duration toReal(Duration virtual) {
        return Duration.ofNanos((long) (virtual.toNanos() / speed));
    }
}
