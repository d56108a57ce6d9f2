package org.boothwatch.gateway;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.gateway.http.SseHub;
import org.boothwatch.gateway.model.ModelSnapshot;
import org.boothwatch.gateway.model.SiteModel;

/**
 * The model's read copy ({@link ModelSnapshot}) and when to rebuild it, so API reads and new display streams
 * never wait behind the processor. Everything but {@link #current()} runs on the processor's thread ({@code exec}).
 * {@link #version()} counts the processor's changes and orders display events against the copy.
 */
final class ReadSnapshots {
    /**
     * Rebuilt at most this often (each copies every booth's view: at 1,000 booths a rebuild per message took most
     * of the processor's time); a change waits at most this long to show in API reads.
     */
    static final long EVERY_NANOS = 50_000_000L;
    /**
     * Under load, a rebuild also waits at least this many times as long as the last one took, so rebuilding costs
     * at most about a tenth of the processor whatever the site's size (reads then trail a little more).
     */
    static final long COST_FACTOR = 10;

    private final SiteModel model;
    private final SseHub hub;
    private final ScheduledExecutorService exec;
    /** Read by any thread; replaced (never changed) on the processor's thread. */
    private volatile ModelSnapshot current = ModelSnapshot.EMPTY;
    private long version;
    private boolean dirty = true;
    private long publishedAtNanos;
    private long gapNanos = EVERY_NANOS;
    private boolean scheduled;

    ReadSnapshots(SiteModel model, SseHub hub, ScheduledExecutorService exec) {
        this.model = model;
        this.hub = hub;
        this.exec = exec;
    }

    /** The latest published copy: never waits for the processor. */
    ModelSnapshot current() {
        return current;
    }

    /** The version of the change being made (display events carry it). */
    long version() {
        return version;
    }

    /** The model is about to change. */
    void changing() {
        version++;
        dirty = true;
    }

    /** Publishes a copy now if anything changed since the last one. */
    void publish() {
        if (!dirty) return;
        long t0 = System.nanoTime();
        ModelSnapshot s = ModelSnapshot.of(version, model);
        current = s;
        dirty = false;
        publishedAtNanos = System.nanoTime();
        gapNanos = Math.max(EVERY_NANOS, COST_FACTOR * (publishedAtNanos - t0));
        hub.settled(s.version());
    }

    /** Publishes now, or schedules it for when the gap since the last copy has passed. */
    void soon() {
        long since = System.nanoTime() - publishedAtNanos;
        if (since >= gapNanos) {
            publish();
        } else if (!scheduled && !exec.isShutdown()) {
            scheduled = true;
            exec.schedule(() -> {
                scheduled = false;
                publish();
            }, gapNanos - since, TimeUnit.NANOSECONDS);
        }
    }
}
