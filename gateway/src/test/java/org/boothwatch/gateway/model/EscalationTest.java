package org.boothwatch.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.ManualTimeSource;
import org.junit.jupiter.api.Test;

/** Escalation timing on its own: the age a new record starts with, and when an alarm escalates. */
class EscalationTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));
    final Escalation escalation = new Escalation(time, Duration.ofSeconds(30));

    AlarmRecord alarm(Duration ageNow) {
        return new AlarmRecord("a-1", "demo", "b01", AlarmType.PANIC, null, time.now().minus(ageNow), "boot", 1,
                time.nanos(), ageNow);
    }

    Changes check(AlarmRecord a) {
        Changes c = new Changes();
        escalation.check(a, time.nanos(), c);
        return c;
    }

    @Test
    void ageOfANewRecordIsNeverNegativeAndAtMostEscalateAfter() {
        assertEquals(Duration.ZERO, escalation.ageNow(time.now().plusSeconds(5)), "booth clock ahead of ours");
        assertEquals(Duration.ofSeconds(12), escalation.ageNow(time.now().minusSeconds(12)));
        assertEquals(Duration.ofSeconds(30), escalation.ageNow(time.now().minus(Duration.ofHours(2))));
    }

    @Test
    void escalatesOnceAtEscalateAfterCountingTheAgeWhenFirstSeen() {
        AlarmRecord a = alarm(Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(19));
        assertTrue(check(a).isEmpty());
        time.advance(Duration.ofSeconds(1));
        Changes c = check(a);
        assertEquals(1, c.escalated.size());
        assertTrue(c.alarms.contains(a) && c.booths.contains("b01"));
        assertEquals(time.now(), a.escalatedAt());
        assertEquals(AlarmState.ESCALATED, a.state());
        time.advance(Duration.ofSeconds(30));
        assertTrue(check(a).isEmpty(), "escalates once");
    }

    @Test
    void aWallClockStepNeitherEscalatesEarlyNorLate() {
        AlarmRecord a = alarm(Duration.ZERO);
        time.jumpWall(Duration.ofHours(1));
        assertTrue(check(a).isEmpty());
        time.advance(Duration.ofSeconds(30));
        assertEquals(1, check(a).escalated.size());
    }

    @Test
    void anAcknowledgedOrResolvedAlarmNeverEscalates() {
        AlarmRecord acked = alarm(Duration.ZERO);
        acked.acknowledgedAt = time.now();
        AlarmRecord resolved = alarm(Duration.ZERO);
        resolved.resolvedAt = time.now();
        time.advance(Duration.ofMinutes(5));
        assertTrue(check(acked).isEmpty());
        assertTrue(check(resolved).isEmpty());
    }
}
