package org.boothwatch.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.boothwatch.agent.io.Input;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.Inputs;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.Priority;
import org.boothwatch.contract.ResolvedBy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoothStateMachineTest {
    static final Duration WARN = Duration.ofSeconds(120);
    static final Duration ALARM = Duration.ofSeconds(180);
    static final Duration MAX_OCC = Duration.ofMinutes(20);
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    ManualTimeSource time;
    BoothStateMachine m;

    @BeforeEach
    void setUp() {
        time = new ManualTimeSource(T0);
        m = new BoothStateMachine("boot1", BoothStateMachine.Thresholds.defaults());
        m.setWatched(true);
        m.start(new Inputs(false, false, false, false), time.nanos(), time.now());
        assertEquals(List.of(), m.drainEvents());
    }

    void in(Input i, boolean v) { m.input(i, v, time.nanos(), time.now()); }
    void advance(Duration d) { time.advance(d); m.tick(time.nanos(), time.now()); }
    void advanceNoTick(Duration d) { time.advance(d); }
    List<MachineEvent> events() { return m.drainEvents(); }

    static MachineEvent only(List<MachineEvent> e) {
        assertEquals(1, e.size(), () -> "expected one event, got " + e);
        return e.get(0);
    }

    static void assertAlarm(MachineEvent e, EventKind kind, AlarmType type) {
        assertEquals(kind, e.kind(), e::toString);
        assertEquals(type, e.alarm().type(), e::toString);
    }

    AlarmInfo active(AlarmType type) {
        return m.activeAlarms().stream().filter(a -> a.type() == type).findFirst().orElseThrow();
    }

    void enter() {
        in(Input.OCCUPANCY, true);
        assertEquals(EventKind.OCCUPIED, only(events()).kind());
    }

    @Test
    void vacantToOccupiedToVacant() {
        assertEquals(Phase.VACANT, m.phase());
        enter();
        assertEquals(Phase.OCCUPIED, m.phase());
        assertEquals(T0, m.occupiedSince());
        advanceNoTick(Duration.ofSeconds(42));
        in(Input.MOTION, true);
        in(Input.MOTION, false);
        in(Input.OCCUPANCY, false);
        MachineEvent v = only(events());
        assertEquals(EventKind.VACATED, v.kind());
        assertEquals(42L, v.durationS());
        assertEquals(Phase.VACANT, m.phase());
        assertNull(m.occupiedSince());
        assertEquals(OutputPolicy.QUIET, m.outputs());
    }

    @Test
    void stillnessFiresExactlyAtWarnAfterAndMotionResolvesIt() {
        enter();
        advance(WARN.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        MachineEvent raised = only(events());
        assertAlarm(raised, EventKind.ALARM_RAISED, AlarmType.STILLNESS);
        assertEquals(Priority.MEDIUM, raised.alarm().priority());
        assertEquals(T0.plus(WARN), raised.alarm().raisedAt());
        assertEquals(Phase.STILL, m.phase());
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.OFF), m.outputs());

        advance(Duration.ofSeconds(5));
        in(Input.MOTION, true);
        MachineEvent resolved = only(events());
        assertAlarm(resolved, EventKind.ALARM_RESOLVED, AlarmType.STILLNESS);
        assertEquals(ResolvedBy.MOTION, resolved.alarm().resolvedBy());
        assertEquals(raised.alarm().id(), resolved.alarm().id());
        assertEquals(Phase.OCCUPIED, m.phase());
        assertEquals(OutputPolicy.QUIET, m.outputs());
    }

    @Test
    void motionExactlyAtTheThresholdPreventsTheWarning() {
        enter();
        advanceNoTick(WARN);
        in(Input.MOTION, true);
        assertEquals(List.of(), events());
        in(Input.MOTION, false);
        // The still time restarts at the end of the motion.
        advance(WARN.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.STILLNESS);
    }

    @Test
    void motionJustAfterTheThresholdStillRecordsTheWarningEvenWithoutATick() {
        enter();
        advanceNoTick(WARN.plusNanos(1));
        in(Input.MOTION, true);
        List<MachineEvent> e = events();
        assertEquals(2, e.size(), e::toString);
        assertAlarm(e.get(0), EventKind.ALARM_RAISED, AlarmType.STILLNESS);
        assertAlarm(e.get(1), EventKind.ALARM_RESOLVED, AlarmType.STILLNESS);
        assertEquals(ResolvedBy.MOTION, e.get(1).alarm().resolvedBy());
    }

    @Test
    void continuousMotionKeepsTheBoothQuiet() {
        enter();
        in(Input.MOTION, true);
        advance(ALARM.multipliedBy(2));
        assertEquals(List.of(), events());
        assertEquals(Phase.OCCUPIED, m.phase());
    }

    @Test
    void inactivitySupersedesStillnessAndIsLatched() {
        enter();
        advance(WARN);
        AlarmInfo stillness = only(events()).alarm();
        advance(ALARM.minus(WARN).minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        List<MachineEvent> e = events();
        assertEquals(2, e.size(), e::toString);
        assertAlarm(e.get(0), EventKind.ALARM_RAISED, AlarmType.INACTIVITY);
        assertEquals(Priority.HIGH, e.get(0).alarm().priority());
        assertAlarm(e.get(1), EventKind.ALARM_RESOLVED, AlarmType.STILLNESS);
        assertEquals(stillness.id(), e.get(1).alarm().id());
        assertEquals(ResolvedBy.SUPERSEDED, e.get(1).alarm().resolvedBy());
        assertEquals(Phase.ALARM, m.phase());

        // Latched: motion does not end it, and no new warning is raised beside it.
        in(Input.MOTION, true);
        in(Input.MOTION, false);
        advance(ALARM.multipliedBy(2));
        assertEquals(List.of(), events());
        assertEquals(Phase.ALARM, m.phase());
        assertEquals(1, m.activeAlarms().size());
    }

    @Test
    void resetAtTheBoothEndsLatchedAlarmsAndRestartsTheStillTime() {
        enter();
        advance(ALARM);
        events();
        in(Input.RESET, true);
        MachineEvent r = only(events());
        assertAlarm(r, EventKind.ALARM_RESOLVED, AlarmType.INACTIVITY);
        assertEquals(ResolvedBy.BOOTH_RESET, r.alarm().resolvedBy());
        in(Input.RESET, false);
        assertEquals(Phase.OCCUPIED, m.phase());
        advance(WARN.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.STILLNESS);
    }

    @Test
    void resetWithNoAlarmChangesNothing() {
        enter();
        advance(Duration.ofSeconds(100));
        in(Input.RESET, true);
        in(Input.RESET, false);
        assertEquals(List.of(), events());
        assertEquals(Phase.OCCUPIED, m.phase());
        // It did not restart the still time: the warning comes at the original moment.
        advance(Duration.ofSeconds(20));
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.STILLNESS);
    }

    @Test
    void panicRaisesOnceOnTheEdge() {
        in(Input.PANIC, true);
        MachineEvent p = only(events());
        assertAlarm(p, EventKind.ALARM_RAISED, AlarmType.PANIC);
        assertEquals(Priority.HIGH, p.alarm().priority());
        assertTrue(p.alarm().id().startsWith("boot1-"));
        assertEquals(Phase.ALARM, m.phase());
        advance(Duration.ofMinutes(5));
        in(Input.PANIC, false);
        in(Input.PANIC, true);
        assertEquals(List.of(), events(), "a second press while PANIC is active raises nothing new");
        assertEquals(1, m.activeAlarms().size());
    }

    @Test
    void panicDuringAnInactivityAlarmIsASecondAlarmAndResetEndsBoth() {
        enter();
        advance(ALARM);
        events();
        AlarmInfo inactivity = active(AlarmType.INACTIVITY);
        in(Input.PANIC, true);
        MachineEvent p = only(events());
        assertAlarm(p, EventKind.ALARM_RAISED, AlarmType.PANIC);
        assertNotEquals(inactivity.id(), p.alarm().id());
        assertEquals(2, m.activeAlarms().size());
        assertEquals(Phase.ALARM, m.phase());
        in(Input.PANIC, false);
        in(Input.RESET, true);
        List<MachineEvent> e = events();
        assertEquals(2, e.size());
        assertTrue(e.stream().allMatch(x -> x.kind() == EventKind.ALARM_RESOLVED
                && x.alarm().resolvedBy() == ResolvedBy.BOOTH_RESET));
        assertEquals(Phase.OCCUPIED, m.phase());
    }

    @Test
    void vacatedDuringALatchedAlarmKeepsItActive() {
        enter();
        advance(ALARM);
        events();
        in(Input.PANIC, true);
        events();
        in(Input.OCCUPANCY, false);
        MachineEvent v = only(events());
        assertEquals(EventKind.VACATED, v.kind());
        assertEquals(ALARM.toSeconds(), v.durationS());
        assertEquals(Phase.ALARM, m.phase());
        assertEquals(2, m.activeAlarms().size());
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.OFF), m.outputs());
        advance(Duration.ofHours(1));
        assertEquals(List.of(), events());
    }

    @Test
    void vacatedEndsStillnessAndLongOccupancy() {
        enter();
        in(Input.MOTION, true);
        advance(MAX_OCC.minus(WARN));
        in(Input.MOTION, false);
        assertEquals(List.of(), events());
        advance(WARN);
        List<MachineEvent> raised = events();
        assertEquals(2, raised.size(), raised::toString);
        assertTrue(m.activeAlarms().stream().anyMatch(a -> a.type() == AlarmType.LONG_OCCUPANCY));
        assertTrue(m.activeAlarms().stream().anyMatch(a -> a.type() == AlarmType.STILLNESS));
        in(Input.OCCUPANCY, false);
        List<MachineEvent> e = events();
        assertEquals(3, e.size(), e::toString);
        assertEquals(EventKind.VACATED, e.get(0).kind());
        assertTrue(e.subList(1, 3).stream().allMatch(x -> x.alarm().resolvedBy() == ResolvedBy.VACATED));
        assertTrue(m.activeAlarms().isEmpty());
    }

    @Test
    void longOccupancyRaisesOnceAndEndsWhenAcknowledged() {
        enter();
        in(Input.MOTION, true); // moving the whole time: only the occupancy time counts
        advance(MAX_OCC.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        MachineEvent r = only(events());
        assertAlarm(r, EventKind.ALARM_RAISED, AlarmType.LONG_OCCUPANCY);
        assertEquals(Priority.MEDIUM, r.alarm().priority());
        assertEquals(Phase.OCCUPIED, m.phase());
        assertEquals(CommandResult.APPLIED, m.acknowledge(r.alarm().id(), "display-1", time.nanos(), time.now()));
        List<MachineEvent> e = events();
        assertEquals(2, e.size(), e::toString);
        assertAlarm(e.get(0), EventKind.ALARM_ACKNOWLEDGED, AlarmType.LONG_OCCUPANCY);
        assertAlarm(e.get(1), EventKind.ALARM_RESOLVED, AlarmType.LONG_OCCUPANCY);
        assertEquals(ResolvedBy.REMOTE, e.get(1).alarm().resolvedBy());
        assertEquals("display-1", e.get(1).alarm().by());
        advance(MAX_OCC);
        assertEquals(List.of(), events(), "not raised twice in one session");
    }

    @Test
    void acknowledgeTurnsTheLampSteadyAndIsIdempotent() {
        in(Input.PANIC, true);
        String id = only(events()).alarm().id();
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.OFF), m.outputs());
        advanceNoTick(Duration.ofSeconds(7));
        assertEquals(CommandResult.APPLIED, m.acknowledge(id, "anna", time.nanos(), time.now()));
        MachineEvent a = only(events());
        assertAlarm(a, EventKind.ALARM_ACKNOWLEDGED, AlarmType.PANIC);
        assertEquals(T0.plusSeconds(7), a.alarm().acknowledgedAt());
        assertEquals("anna", a.alarm().by());
        assertEquals(new Outputs(Lamp.ON, Buzzer.OFF), m.outputs());
        assertEquals(Phase.ALARM, m.phase(), "acknowledged is still active");
        assertEquals(CommandResult.ALREADY_ACKNOWLEDGED, m.acknowledge(id, "anna", time.nanos(), time.now()));
        assertEquals(List.of(), events());
    }

    @Test
    void acknowledgeForAnUnknownOrResolvedAlarmChangesNothing() {
        assertEquals(CommandResult.UNKNOWN_ALARM, m.acknowledge("nope-1", "anna", time.nanos(), time.now()));
        in(Input.PANIC, true);
        String id = only(events()).alarm().id();
        in(Input.RESET, true);
        events();
        assertEquals(CommandResult.ALREADY_RESOLVED, m.acknowledge(id, "anna", time.nanos(), time.now()));
        assertEquals(CommandResult.ALREADY_RESOLVED, m.resolve(id, "anna", "why", time.nanos(), time.now()));
        assertEquals(List.of(), events());
        assertTrue(m.activeAlarms().isEmpty());
        assertEquals(OutputPolicy.QUIET, m.outputs());
    }

    @Test
    void resolveNeedsAReasonAndIsRecordedAsRemote() {
        in(Input.PANIC, true);
        String id = only(events()).alarm().id();
        assertEquals(CommandResult.REASON_REQUIRED, m.resolve(id, "anna", " ", time.nanos(), time.now()));
        assertEquals(CommandResult.REASON_REQUIRED, m.resolve(id, "anna", null, time.nanos(), time.now()));
        assertEquals(List.of(), events());
        assertEquals(CommandResult.APPLIED, m.resolve(id, "anna", "false alarm, checked on camera", time.nanos(), time.now()));
        AlarmInfo r = only(events()).alarm();
        assertEquals(ResolvedBy.REMOTE, r.resolvedBy());
        assertEquals("anna", r.by());
        assertEquals("false alarm, checked on camera", r.reason());
        assertEquals(CommandResult.UNKNOWN_ALARM, m.resolve("other", "anna", "x", time.nanos(), time.now()));
    }

    @Test
    void remoteResolveOfInactivityMeasuresStillnessAfresh() {
        enter();
        advance(ALARM);
        events();
        String id = active(AlarmType.INACTIVITY).id();
        assertEquals(CommandResult.APPLIED, m.resolve(id, "anna", "staff with the person", time.nanos(), time.now()));
        events();
        advance(WARN.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.STILLNESS);
    }

    @Test
    void wallClockJumpNeitherFiresNorSuppressesAnAlarm() {
        enter();
        time.jumpWall(Duration.ofHours(3)); // NTP steps the clock after boot
        m.tick(time.nanos(), time.now());
        assertEquals(List.of(), events(), "a forward jump must not fire");
        time.jumpWall(Duration.ofHours(-5)); // and a backward one
        advance(WARN.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        MachineEvent e = only(events());
        assertAlarm(e, EventKind.ALARM_RAISED, AlarmType.STILLNESS);
        assertEquals(time.now(), e.alarm().raisedAt(), "timestamps follow the wall clock");
        advance(ALARM.minus(WARN));
        assertEquals(AlarmType.INACTIVITY, events().get(0).alarm().type());
    }

    @Test
    void unreadableInputIsALowSensorFaultThatEndsWhenReadAgain() {
        m.inputUnreadable(Input.MOTION, "gpio line busy", time.nanos(), time.now());
        MachineEvent f = only(events());
        assertAlarm(f, EventKind.ALARM_RAISED, AlarmType.SENSOR_FAULT);
        assertEquals(Priority.LOW, f.alarm().priority());
        assertEquals(List.of("motion: cannot be read (gpio line busy)"), m.faults());
        assertEquals(OutputPolicy.QUIET, m.outputs(), "a sensor fault does not disturb the person in the booth");
        m.inputUnreadable(Input.MOTION, "gpio line busy", time.nanos(), time.now());
        assertEquals(List.of(), events());
        in(Input.MOTION, false);
        MachineEvent g = only(events());
        assertAlarm(g, EventKind.ALARM_RESOLVED, AlarmType.SENSOR_FAULT);
        assertEquals(ResolvedBy.CONDITION_GONE, g.alarm().resolvedBy());
        assertEquals(List.of(), m.faults());
    }

    @Test
    void occupancyStuckForThreeTimesMaxOccupancyIsASensorFault() {
        enter();
        in(Input.MOTION, true);
        advance(MAX_OCC);
        events(); // LONG_OCCUPANCY
        advance(MAX_OCC.multipliedBy(2).minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.SENSOR_FAULT);
        in(Input.OCCUPANCY, false);
        List<MachineEvent> e = events();
        assertTrue(e.stream().anyMatch(x -> x.alarm() != null && x.alarm().type() == AlarmType.SENSOR_FAULT
                && x.alarm().resolvedBy() == ResolvedBy.CONDITION_GONE), e::toString);
    }

    @Test
    void motionWhileVacantForLongIsASensorFaultUntilSomeoneIsDetected() {
        Duration after = BoothStateMachine.Thresholds.defaults().motionWhileVacantAfter();
        in(Input.MOTION, true);
        advance(after.minusNanos(1));
        assertEquals(List.of(), events());
        advance(Duration.ofNanos(1));
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.SENSOR_FAULT);
        in(Input.OCCUPANCY, true);
        List<MachineEvent> e = events();
        assertEquals(EventKind.OCCUPIED, e.get(0).kind());
        assertAlarm(e.get(1), EventKind.ALARM_RESOLVED, AlarmType.SENSOR_FAULT);
    }

    @Test
    void aPassingMotionWhileVacantIsNoFault() {
        in(Input.MOTION, true);
        advance(Duration.ofSeconds(2));
        in(Input.MOTION, false);
        advance(Duration.ofHours(2));
        assertEquals(List.of(), events());
    }

    @Test
    void remotelyResolvedSensorFaultIsNotRaisedAgainWhileTheSameConditionLasts() {
        m.inputUnreadable(Input.PANIC, "io error", time.nanos(), time.now());
        String id = only(events()).alarm().id();
        assertEquals(CommandResult.APPLIED, m.resolve(id, "tech", "known, part ordered", time.nanos(), time.now()));
        assertEquals(ResolvedBy.REMOTE, only(events()).alarm().resolvedBy());
        m.inputUnreadable(Input.PANIC, "io error", time.nanos(), time.now());
        advance(Duration.ofMinutes(1));
        assertEquals(List.of(), events());
        m.inputUnreadable(Input.RESET, "io error", time.nanos(), time.now());
        assertAlarm(only(events()), EventKind.ALARM_RAISED, AlarmType.SENSOR_FAULT);
    }

    @Test
    void testCommandReportsAndPulsesOutputs() {
        m.test(time.nanos(), time.now());
        MachineEvent r = only(events());
        assertEquals(EventKind.TEST_RESULT, r.kind());
        assertTrue(r.ok());
        assertTrue(r.details().contains("faults: none"), r.details());
        assertTrue(r.details().contains("lamp flashing for 3s, buzzer beep 500ms"), r.details());
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.ON), m.outputs(), "the lamp flashes and the buzzer beeps");
        advance(Duration.ofMillis(499));
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.ON), m.outputs());
        advance(Duration.ofMillis(1));
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.OFF), m.outputs(), "the beep is brief, the lamp flashes on");
        advance(Duration.ofMillis(2499));
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.OFF), m.outputs());
        advance(Duration.ofMillis(1));
        assertEquals(OutputPolicy.QUIET, m.outputs());

        m.inputUnreadable(Input.RESET, "io error", time.nanos(), time.now());
        events();
        m.test(time.nanos(), time.now());
        r = only(events());
        assertFalse(r.ok());
        assertTrue(r.details().contains("reset: cannot be read"), r.details());
    }

    @Test
    void testDuringAnAlarmDoesNotChangeTheAlarmPattern() {
        in(Input.PANIC, true);
        events();
        m.test(time.nanos(), time.now());
        assertTrue(only(events()).details().contains("not pulsed"));
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.OFF), m.outputs());
    }

    @Test
    void unwatchedAlarmSoundsLocally() {
        in(Input.PANIC, true);
        String id = only(events()).alarm().id();
        m.acknowledge(id, "anna", time.nanos(), time.now());
        assertEquals(new Outputs(Lamp.ON, Buzzer.OFF), m.outputs());
        m.setWatched(false);
        assertEquals(new Outputs(Lamp.FLASH, Buzzer.ON), m.outputs());
        m.setWatched(true);
        assertEquals(new Outputs(Lamp.ON, Buzzer.OFF), m.outputs());
        in(Input.RESET, true);
        m.setWatched(false);
        assertEquals(OutputPolicy.QUIET, m.outputs(), "nothing to announce without an alarm");
    }

    @Test
    void heldPanicAtStartRaisesButHeldResetResetsNothing() {
        BoothStateMachine b = new BoothStateMachine("boot2", BoothStateMachine.Thresholds.defaults());
        AlarmInfo old = AlarmInfo.raised("boot1-4", AlarmType.INACTIVITY, T0.minusSeconds(60));
        b.restore(List.of(old));
        b.start(new Inputs(true, false, true, true), time.nanos(), time.now());
        List<MachineEvent> e = b.drainEvents();
        assertEquals(EventKind.OCCUPIED, e.get(0).kind());
        assertAlarm(e.get(1), EventKind.ALARM_RAISED, AlarmType.PANIC);
        assertEquals("boot2-1", e.get(1).alarm().id());
        assertEquals(2, e.size(), e::toString);
        assertEquals(2, b.activeAlarms().size(), "restored INACTIVITY is still active");
        assertEquals(Phase.ALARM, b.phase());
    }

    @Test
    void restoredOccupancyAlarmsEndWhenTheBoothIsVacantAtStart() {
        BoothStateMachine b = new BoothStateMachine("boot2", BoothStateMachine.Thresholds.defaults());
        b.restore(List.of(AlarmInfo.raised("boot1-1", AlarmType.STILLNESS, T0),
                AlarmInfo.raised("boot1-2", AlarmType.PANIC, T0)));
        b.start(new Inputs(false, false, false, false), time.nanos(), time.now());
        MachineEvent e = only(b.drainEvents());
        assertEquals("boot1-1", e.alarm().id());
        assertEquals(ResolvedBy.VACATED, e.alarm().resolvedBy());
        assertEquals(List.of("boot1-2"), b.activeAlarms().stream().map(AlarmInfo::id).toList());
    }
}
