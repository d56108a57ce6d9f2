package org.boothwatch.simulator.load;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.simulator.booth.BoothControl;
import org.boothwatch.simulator.scenario.BoothAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives booths with the {@link BehaviourModel}: one session after another per booth, plus network
 * cuts at random (about one per booth every {@code meanTimeBetweenCuts}, lasting 5–60 s). All delays
 * are virtual time on the given scheduler.
 */
public final class LoadDriver {
    private static final Logger log = LoggerFactory.getLogger(LoadDriver.class);

    private final List<? extends BoothControl> booths;
    private final ScheduledExecutorService scheduler;
    private final BehaviourModel.Params params;
    private final Duration meanTimeBetweenCuts;
    private final long seed;
    private final LoadCounters counters = new LoadCounters();
    private volatile boolean stopped;

    public LoadDriver(List<? extends BoothControl> booths, ScheduledExecutorService scheduler,
                      BehaviourModel.Params params, Duration meanTimeBetweenCuts, long seed) {
        this.booths = booths;
        this.scheduler = scheduler;
        this.params = params;
        this.meanTimeBetweenCuts = meanTimeBetweenCuts;
        this.seed = seed;
    }

    public LoadCounters counters() {
        return counters;
    }

    public void start() {
        // java.util.Random with neighbouring seeds starts out correlated: every booth would enter at
        // once. SplittableRandom hands out well-mixed seeds.
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < booths.size(); i++) {
            BoothControl b = booths.get(i);
            BehaviourModel model = new BehaviourModel(params, seeds.nextLong());
            Random cuts = new Random(seeds.nextLong());
            scheduler.execute(() -> nextSession(b, model));
            scheduleCut(b, cuts);
        }
    }

    public void stop() {
        stopped = true;
    }

    private void nextSession(BoothControl b, BehaviourModel model) {
        if (stopped) return;
        BehaviourModel.Session s = model.next();
        if (s.overdose()) counters.overdoses.incrementAndGet();
        if (s.longPause()) counters.longPauses.incrementAndGet();
        for (BehaviourModel.Planned p : s.actions()) {
            scheduler.schedule(() -> act(b, p.action()), p.at().toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.schedule(() -> nextSession(b, model), s.length().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void act(BoothControl b, BoothAction a) {
        if (stopped) return;
        try {
            b.perform(a);
            switch (a) {
                case ENTER -> counters.sessionsStarted.incrementAndGet();
                case LEAVE -> counters.sessionsEnded.incrementAndGet();
                case MOVE -> counters.motionPulses.incrementAndGet();
                case PANIC -> counters.panics.incrementAndGet();
                case RESET -> counters.resets.incrementAndGet();
                default -> { }
            }
        } catch (RuntimeException e) {
            counters.errors.incrementAndGet();
            log.error("{} {} failed: {}", b.id(), a.word, e.toString());
        }
    }

    private void scheduleCut(BoothControl b, Random rng) {
        double mean = meanTimeBetweenCuts.toMillis();
        long in = (long) (-mean * Math.log(1 - rng.nextDouble()));
        long length = 5_000 + (long) (rng.nextDouble() * 55_000);
        scheduler.schedule(() -> {
            if (stopped) return;
            act(b, BoothAction.NET_CUT);
            counters.netCuts.incrementAndGet();
            scheduler.schedule(() -> {
                act(b, BoothAction.NET_RESTORE);
                scheduleCut(b, rng);
            }, length, TimeUnit.MILLISECONDS);
        }, in, TimeUnit.MILLISECONDS);
    }
}
