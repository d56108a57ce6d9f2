package org.boothwatch.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.io.SimulatedBoothIo;

/**
 * Realistic booth activity on the simulated inputs, in real time: sessions (occupied for ~10 min on
 * average, vacant ~2 min between) and, while occupied, a PIR motion pulse (1 s high) every ~10 s.
 * Each edge makes the real agent republish its state; heartbeats (every 3 s) come from the agent itself.
 */
final class Traffic {
    static final double OCCUPIED_MEAN_S = 600;
    static final double VACANT_MEAN_S = 120;
    static final double MOTION_MEAN_S = 10;
    static final long PULSE_MS = 1000;

    private final List<SimulatedBoothIo> booths;
    private final ScheduledExecutorService scheduler;
    private final Random rng;
    private final java.util.Map<SimulatedBoothIo, Integer> session = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopped;

    Traffic(List<SimulatedBoothIo> booths, ScheduledExecutorService scheduler, long seed) {
        this.booths = booths;
        this.scheduler = scheduler;
        this.rng = new Random(seed);
    }

    void start() {
        for (SimulatedBoothIo io : booths) {
            // Start in the steady state: occupied with the long-run probability.
            if (rng.nextDouble() < OCCUPIED_MEAN_S / (OCCUPIED_MEAN_S + VACANT_MEAN_S)) {
                enter(io);
            } else {
                later(() -> enter(io), exp(VACANT_MEAN_S));
            }
        }
    }

    void stop() {
        stopped = true;
    }

    private void enter(SimulatedBoothIo io) {
        int s = session.merge(io, 1, Integer::sum);
        io.setOccupied(true);
        later(() -> leave(io), exp(OCCUPIED_MEAN_S));
        later(() -> motion(io, s), exp(MOTION_MEAN_S));
    }

    private void leave(SimulatedBoothIo io) {
        io.setMotion(false);
        io.setOccupied(false);
        later(() -> enter(io), exp(VACANT_MEAN_S));
    }

    private void motion(SimulatedBoothIo io, int s) {
        if (session.get(io) != s || !io.read(org.boothwatch.agent.io.Input.OCCUPANCY)) return; // that session ended
        io.setMotion(true);
        later(() -> io.setMotion(false), PULSE_MS / 1000.0);
        later(() -> motion(io, s), PULSE_MS / 1000.0 + exp(MOTION_MEAN_S));
    }

    private synchronized double exp(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    private void later(Runnable r, double seconds) {
        if (stopped) return;
        scheduler.schedule(() -> {
            if (!stopped) r.run();
        }, (long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }
}
