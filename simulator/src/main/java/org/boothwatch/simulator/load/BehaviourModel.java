package org.boothwatch.simulator.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.boothwatch.simulator.scenario.BoothAction;

/**
 * How people use a booth, drawn from what supervised consumption sites report: sessions of about
 * 20 minutes (log-normal), busy motion while preparing, slower motion after consuming, now and then
 * a long pause (a stillness warning cleared by motion), overdoses at about 1.3 per 1,000 sessions
 * (Vancouver's Insite) answered by staff who reset at the booth, and occasional panics.
 * Pure: the same seed gives the same plan.
 */
public final class BehaviourModel {

    /** Tunable rates; {@link #defaults()} are the values described above. */
    public record Params(
            Duration meanSession, Duration meanGap, double overdosePerSession, double panicPerSession,
            double longPausePerSession, Duration alarmAfter, Duration warnAfter) {
        public static Params defaults() {
            return new Params(Duration.ofMinutes(20), Duration.ofMinutes(6), 0.0013, 0.004, 0.03,
                    Duration.ofSeconds(180), Duration.ofSeconds(120));
        }
    }

    /** One action at a virtual offset from the start of the plan. */
    public record Planned(Duration at, BoothAction action) {}

    /** One vacant gap plus one session; {@code overdose}/{@code panic}/{@code longPause} say what it holds. */
    public record Session(List<Planned> actions, Duration length, boolean overdose, boolean panic, boolean longPause) {}

    private static final double SIGMA = 0.5; // log-normal spread: most sessions 10–35 min

    private final Params p;
    private final Random rng;

    public BehaviourModel(Params params, long seed) {
        this.p = params;
        this.rng = new Random(seed);
    }

    /** The next vacant gap and session; {@link Session#length()} is when the next one may start. */
    public Session next() {
        List<Planned> out = new ArrayList<>();
        double gapS = exp(p.meanGap().toSeconds());
        double sessionS = Math.max(120, logNormal(p.meanSession().toSeconds()));
        double enter = gapS;
        double leave = enter + sessionS;
        out.add(at(enter, BoothAction.ENTER));

        boolean overdose = rng.nextDouble() < p.overdosePerSession();
        boolean panic = !overdose && rng.nextDouble() < p.panicPerSession();
        boolean wantPause = !overdose && rng.nextDouble() < p.longPausePerSession();
        boolean longPause = false;
        double stopAt = leave;
        double odAt = -1;
        if (overdose) {
            odAt = enter + sessionS * (0.2 + 0.5 * rng.nextDouble());
            double reset = odAt + p.alarmAfter().toSeconds() + 30 + 90 * rng.nextDouble(); // staff reach the booth
            stopAt = odAt;
            leave = reset + 120 + 300 * rng.nextDouble(); // cared for, then leaves
            motion(out, enter, odAt, enter + sessionS * 0.4, -1, 0);
            out.add(at(reset, BoothAction.RESET));
            motion(out, reset + 5, leave, reset, -1, 0);
        } else {
            double pauseAt = wantPause ? enter + sessionS * (0.4 + 0.4 * rng.nextDouble()) : -1;
            double pauseLen = p.warnAfter().toSeconds() + 5 + rng.nextDouble() * 40; // warns, then moves
            longPause = motion(out, enter, stopAt, enter + sessionS * 0.4, pauseAt, pauseLen);
        }
        if (panic) {
            double pressAt = enter + sessionS * rng.nextDouble();
            out.add(at(pressAt, BoothAction.PANIC));
            out.add(at(Math.min(pressAt + 20 + 70 * rng.nextDouble(), leave - 1), BoothAction.RESET));
        }
        out.add(at(leave, BoothAction.LEAVE));
        out.sort((a, b) -> a.at().compareTo(b.at()));
        return new Session(List.copyOf(out), Duration.ofMillis((long) (leave * 1000) + 1000), overdose, panic, longPause);
    }

    /** Motion pulses from {@code from} to {@code to}: every ~12 s while preparing, every ~30 s after. */
    private boolean motion(List<Planned> out, double from, double to, double slowAfter, double pauseAt, double pauseLen) {
        double t = from + 1 + rng.nextDouble() * 5;
        boolean paused = false;
        while (t < to) {
            out.add(at(t, BoothAction.MOVE));
            double mean = t < slowAfter ? 12 : 30;
            double next = Math.min(exp(mean), p.warnAfter().toSeconds() * 0.75); // normal pauses stay short of a warning
            if (!paused && pauseAt > 0 && t + next > pauseAt) {
                paused = true;
                next = pauseLen; // the pause starts at this pulse
            }
            t += Math.max(1, next);
        }
        return paused; // a warning (cleared by motion or by leaving) unless the person left first
    }

    private Planned at(double seconds, BoothAction a) {
        return new Planned(Duration.ofMillis((long) (seconds * 1000)), a);
    }

    private double exp(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    private double logNormal(double mean) {
        double mu = Math.log(mean) - SIGMA * SIGMA / 2;
        return Math.exp(mu + SIGMA * rng.nextGaussian());
    }
}
