package org.boothwatch.agent.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.boothwatch.agent.config.Durations;
import org.boothwatch.agent.io.Input;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Inputs;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.ResolvedBy;

/**
 * The booth's inactivity state machine. Pure: no threads, no sleeps, no clock of its own. It is advanced
 * by input changes, commands and {@link #tick}; every call passes the monotonic time (for durations) and
 * the wall time (only for timestamps), so a wall-clock jump neither fires nor suppresses an alarm.
 *
 * <p>Timing at a threshold: an alarm fires when the still (or occupied) time reaches its threshold. An
 * input change at time t first fires what was due strictly before t, then applies the change, then fires
 * what is due at t; so motion exactly at the threshold prevents the alarm, motion 1 ns later does not.
 * Not thread-safe: the agent calls it under its own lock.
 */
public final class BoothStateMachine {
    /** Thresholds from the config (CONTRACT §5). */
    public record Thresholds(Duration warnAfter, Duration alarmAfter, Duration maxOccupancy,
                             Duration motionWhileVacantAfter, Duration testFlashFor, Duration testBeepFor) {
        public static Thresholds defaults() {
            return new Thresholds(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofMinutes(20),
                    Duration.ofMinutes(10), TEST_FLASH, TEST_BEEP);
        }
    }

    /** TEST: how long the lamp flashes and the buzzer beeps (brief: someone may be in the booth). */
    public static final Duration TEST_FLASH = Duration.ofSeconds(3);
    public static final Duration TEST_BEEP = Duration.ofMillis(500);

    private final Thresholds t;
    private final List<MachineEvent> out = new ArrayList<>();
    private final AlarmBook alarms;
    private final Map<Input, Boolean> level = new EnumMap<>(Input.class);
    private final Map<Input, String> readFaults = new EnumMap<>(Input.class);
    private final Set<String> dismissedFaults = new TreeSet<>();

    private long occupiedAtNanos;
    private Instant occupiedSince;
    private long stillSinceNanos;
    private Instant lastMotionAt;
    private boolean longOccupancyRaised;
    private Long vacantMotionSinceNanos;
    private long lastVacantMotionNanos;
    private long testFlashUntilNanos = Long.MIN_VALUE;
    private long testBeepUntilNanos = Long.MIN_VALUE;
    private long lastNanos;
    private boolean watched;

    public BoothStateMachine(String alarmIdPrefix, Thresholds thresholds) {
        this.t = thresholds;
        this.alarms = new AlarmBook(alarmIdPrefix, out);
        for (Input i : Input.values()) level.put(i, false);
    }

    /** Alarms that were active before a restart; call before {@link #start}. */
    public void restore(Collection<AlarmInfo> previouslyActive) {
        previouslyActive.forEach(alarms::restore);
    }

    /**
     * Sets the input levels read at start. Occupancy starts a session and a held panic button raises
     * PANIC (fail loud); a held reset button is not an edge and resets nothing.
     */
    public void start(Inputs initial, long nanos, Instant wall) {
        lastNanos = nanos;
        level.put(Input.RESET, initial.reset());
        input(Input.MOTION, initial.motion(), nanos, wall);
        input(Input.OCCUPANCY, initial.occupancy(), nanos, wall);
        if (!initial.occupancy()) {
            // Restored alarms that only make sense while occupied end now.
            alarms.resolve(AlarmType.STILLNESS, wall, ResolvedBy.VACATED);
            alarms.resolve(AlarmType.LONG_OCCUPANCY, wall, ResolvedBy.VACATED);
        } else if (alarms.isActive(AlarmType.LONG_OCCUPANCY)) {
            longOccupancyRaised = true;
        }
        input(Input.PANIC, initial.panic(), nanos, wall);
        evaluate(nanos, wall, false);
    }

    /** An input changed (after debouncing and active-level mapping). Repeated levels are ignored. */
    public void input(Input in, boolean active, long nanos, Instant wall) {
        boolean was = level.get(in);
        evaluate(nanos, wall, true);
        readFaults.remove(in);
        if (was == active) {
            evaluate(nanos, wall, false);
            return;
        }
        level.put(in, active);
        switch (in) {
            case OCCUPANCY -> occupancyChanged(active, nanos, wall);
            case MOTION -> motionChanged(active, nanos, wall);
            case PANIC -> { if (active) alarms.raise(AlarmType.PANIC, wall); }
            case RESET -> { if (active) resetPressed(nanos, wall); }
        }
        evaluate(nanos, wall, false);
    }

    /** An input could not be read; it stays faulty until it is read again (see {@link #input}). */
    public void inputUnreadable(Input in, String why, long nanos, Instant wall) {
        readFaults.put(in, in.key() + ": cannot be read (" + why + ")");
        evaluate(nanos, wall, false);
    }

    public void tick(long nanos, Instant wall) {
        evaluate(nanos, wall, false);
    }

    /** Whether anyone is watching: broker reachable and at least one gateway online. */
    public void setWatched(boolean watched) {
        this.watched = watched;
    }

    public CommandResult acknowledge(String alarmId, String by, long nanos, Instant wall) {
        evaluate(nanos, wall, false);
        var a = alarms.get(alarmId);
        if (a.isEmpty()) return alarms.wasResolved(alarmId) ? CommandResult.ALREADY_RESOLVED : CommandResult.UNKNOWN_ALARM;
        if (a.get().acknowledged()) return CommandResult.ALREADY_ACKNOWLEDGED;
        alarms.acknowledge(alarmId, wall, by);
        if (a.get().type() == AlarmType.LONG_OCCUPANCY) {
            // CONTRACT §5: a long occupancy ends when acknowledged.
            alarms.resolve(alarmId, wall, ResolvedBy.REMOTE, by, "acknowledged");
        }
        return CommandResult.APPLIED;
    }

    public CommandResult resolve(String alarmId, String by, String reason, long nanos, Instant wall) {
        evaluate(nanos, wall, false);
        if (reason == null || reason.isBlank()) return CommandResult.REASON_REQUIRED;
        var a = alarms.get(alarmId);
        if (a.isEmpty()) return alarms.wasResolved(alarmId) ? CommandResult.ALREADY_RESOLVED : CommandResult.UNKNOWN_ALARM;
        alarms.resolve(alarmId, wall, ResolvedBy.REMOTE, by, reason);
        switch (a.get().type()) {
            // Someone has dealt with the person: measure stillness afresh instead of re-raising at once.
            case INACTIVITY, STILLNESS -> stillSinceNanos = nanos;
            case SENSOR_FAULT -> dismissedFaults.addAll(currentFaults(nanos).keySet());
            default -> { }
        }
        evaluate(nanos, wall, false);
        return CommandResult.APPLIED;
    }

    /**
     * TEST: reports inputs and faults as TEST_RESULT and, with no alarm active, flashes the lamp and beeps
     * the buzzer briefly. During an alarm the alarm's own pattern is left alone.
     */
    public void test(long nanos, Instant wall) {
        evaluate(nanos, wall, false);
        List<String> faults = faults();
        boolean pulse = alarms.active().stream().noneMatch(OutputPolicy::concernsPerson);
        if (pulse) {
            testFlashUntilNanos = nanos + t.testFlashFor().toNanos();
            testBeepUntilNanos = nanos + t.testBeepFor().toNanos();
        }
        String details = "inputs " + inputs() + "; faults: " + (faults.isEmpty() ? "none" : String.join("; ", faults))
                + (pulse ? "; lamp flashing for " + Durations.format(t.testFlashFor()) + ", buzzer beep "
                        + Durations.format(t.testBeepFor())
                        : "; outputs not pulsed: an alarm is active");
        out.add(MachineEvent.testResult(wall, faults.isEmpty(), details));
    }

    /** Events emitted since the last call, oldest first. */
    public List<MachineEvent> drainEvents() {
        List<MachineEvent> e = List.copyOf(out);
        out.clear();
        return e;
    }

    public Outputs outputs() {
        return OutputPolicy.outputs(alarms.active(), watched, lastNanos < testFlashUntilNanos, lastNanos < testBeepUntilNanos);
    }

    public Phase phase() {
        if (alarms.isActive(AlarmType.PANIC) || alarms.isActive(AlarmType.INACTIVITY)) return Phase.ALARM;
        if (alarms.isActive(AlarmType.STILLNESS)) return Phase.STILL;
        return occupied() ? Phase.OCCUPIED : Phase.VACANT;
    }

    public boolean occupied() { return level.get(Input.OCCUPANCY); }
    public Instant occupiedSince() { return occupied() ? occupiedSince : null; }
    public Instant lastMotionAt() { return lastMotionAt; }
    public boolean watched() { return watched; }
    public Collection<AlarmInfo> activeAlarms() { return alarms.active(); }

    public Inputs inputs() {
        return new Inputs(level.get(Input.OCCUPANCY), level.get(Input.MOTION), level.get(Input.PANIC), level.get(Input.RESET));
    }

    /** Current sensor faults, sorted. */
    public List<String> faults() {
        return List.copyOf(currentFaults(lastNanos).values());
    }

    private void occupancyChanged(boolean occupied, long nanos, Instant wall) {
        if (occupied) {
            occupiedAtNanos = nanos;
            occupiedSince = wall;
            stillSinceNanos = nanos;
            longOccupancyRaised = false;
            vacantMotionSinceNanos = null;
            out.add(MachineEvent.occupied(wall));
        } else {
            long seconds = Duration.ofNanos(nanos - occupiedAtNanos).toSeconds();
            out.add(MachineEvent.vacated(wall, Math.max(0, seconds)));
            // Latched alarms (PANIC, INACTIVITY) stay: they end only at the booth or by RESOLVE.
            alarms.resolve(AlarmType.STILLNESS, wall, ResolvedBy.VACATED);
            alarms.resolve(AlarmType.LONG_OCCUPANCY, wall, ResolvedBy.VACATED);
        }
    }

    private void motionChanged(boolean moving, long nanos, Instant wall) {
        lastMotionAt = wall;
        stillSinceNanos = nanos;
        if (moving) {
            alarms.resolve(AlarmType.STILLNESS, wall, ResolvedBy.MOTION);
            if (!occupied()) {
                if (vacantMotionSinceNanos == null) vacantMotionSinceNanos = nanos;
                lastVacantMotionNanos = nanos;
            }
        } else if (!occupied()) {
            lastVacantMotionNanos = nanos;
        }
    }

    private void resetPressed(long nanos, Instant wall) {
        int n = alarms.resolveAll(OutputPolicy::concernsPerson, wall, ResolvedBy.BOOTH_RESET);
        // Staff at the booth have seen the person: stillness is measured afresh. With no alarm a reset
        // changes nothing, so the button can never hold off detection.
        if (n > 0) stillSinceNanos = nanos;
    }

    /** Fires and ends what time makes due; {@code strict} fires only what was due strictly before now. */
    private void evaluate(long nanos, Instant wall, boolean strict) {
        lastNanos = Math.max(lastNanos, nanos);
        if (occupied()) {
            long still = level.get(Input.MOTION) ? 0 : nanos - stillSinceNanos;
            if (due(still, t.alarmAfter(), strict) && !alarms.isActive(AlarmType.INACTIVITY)) {
                alarms.raise(AlarmType.INACTIVITY, wall);
                alarms.resolve(AlarmType.STILLNESS, wall, ResolvedBy.SUPERSEDED);
            } else if (due(still, t.warnAfter(), strict) && !alarms.isActive(AlarmType.STILLNESS)
                    && !alarms.isActive(AlarmType.INACTIVITY)) {
                alarms.raise(AlarmType.STILLNESS, wall);
            }
            if (!longOccupancyRaised && due(nanos - occupiedAtNanos, t.maxOccupancy(), strict)) {
                longOccupancyRaised = true;
                alarms.raise(AlarmType.LONG_OCCUPANCY, wall);
            }
        } else if (vacantMotionSinceNanos != null && !level.get(Input.MOTION)
                && nanos - lastVacantMotionNanos >= t.warnAfter().toNanos()) {
            vacantMotionSinceNanos = null; // quiet again: the motion was a passer-by, not a missed occupant
        }
        Map<String, String> faults = currentFaults(nanos);
        dismissedFaults.retainAll(faults.keySet());
        boolean fresh = faults.keySet().stream().anyMatch(k -> !dismissedFaults.contains(k));
        if (fresh) {
            alarms.raise(AlarmType.SENSOR_FAULT, wall);
        } else if (faults.isEmpty()) {
            alarms.resolve(AlarmType.SENSOR_FAULT, wall, ResolvedBy.CONDITION_GONE);
        }
    }

    private static boolean due(long elapsedNanos, Duration threshold, boolean strict) {
        long th = threshold.toNanos();
        return strict ? elapsedNanos > th : elapsedNanos >= th;
    }

    /** Fault key to description; keys are stable so a RESOLVEd fault is not re-raised while it lasts. */
    private Map<String, String> currentFaults(long nanos) {
        Map<String, String> f = new TreeMap<>();
        readFaults.forEach((in, why) -> f.put(in.key() + ":unreadable", why));
        Duration stuck = t.maxOccupancy().multipliedBy(3);
        if (occupied() && nanos - occupiedAtNanos >= stuck.toNanos()) {
            f.put("occupancy:stuck", "occupancy: occupied for over " + Durations.format(stuck) + ", sensor may be stuck");
        }
        if (!occupied() && vacantMotionSinceNanos != null
                && nanos - vacantMotionSinceNanos >= t.motionWhileVacantAfter().toNanos()) {
            f.put("occupancy:vacant-motion", "occupancy: motion while vacant for over "
                    + Durations.format(t.motionWhileVacantAfter()) + ", occupancy sensor may miss a person");
        }
        return f;
    }
}
