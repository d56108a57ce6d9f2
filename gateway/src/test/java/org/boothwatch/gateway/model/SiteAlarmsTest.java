package org.boothwatch.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.boothwatch.contract.AlarmType;
import org.junit.jupiter.api.Test;

/** The alarms kept in memory: order, the per-booth index of active alarms, pruning. */
class SiteAlarmsTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    final SiteAlarms alarms = new SiteAlarms();

    static AlarmRecord alarm(String id, String booth, AlarmType type, int secondsAfterT0) {
        return new AlarmRecord(id, "demo", booth, type, null, T0.plusSeconds(secondsAfterT0), "boot", 1, 0, Duration.ZERO);
    }

    static List<String> ids(List<AlarmRecord> list) {
        return list.stream().map(a -> a.id).toList();
    }

    @Test
    void activeIsMostUrgentFirstThenOldest() {
        alarms.add(alarm("still", "b01", AlarmType.STILLNESS, 0));
        alarms.add(alarm("panic-late", "b02", AlarmType.PANIC, 2));
        alarms.add(alarm("panic-early", "b01", AlarmType.PANIC, 1));
        alarms.add(alarm("fault", "b03", AlarmType.SENSOR_FAULT, 0));
        assertEquals(List.of("panic-early", "panic-late", "still", "fault"), ids(alarms.active()));
        assertEquals(List.of("still", "panic-late", "panic-early", "fault"),
                alarms.all().stream().map(a -> a.id).toList(), "all: in the order first seen");
    }

    @Test
    void activeAtListsOnlyThatBoothsActiveAlarmsAndIsACopy() {
        AlarmRecord a = alarm("a", "b01", AlarmType.PANIC, 0);
        alarms.add(a);
        alarms.add(alarm("b", "b01", AlarmType.STILLNESS, 1));
        alarms.add(alarm("c", "b02", AlarmType.PANIC, 2));
        List<AlarmRecord> b01 = alarms.activeAt("b01");
        assertEquals(List.of("a", "b"), ids(b01));
        a.resolvedAt = T0.plusSeconds(5);
        assertEquals(List.of("a", "b"), ids(b01), "a copy: resolving while iterating is safe");
        assertEquals(List.of("b"), ids(alarms.activeAt("b01")));
        assertEquals(List.of("c"), ids(alarms.activeAt("b02")));
        assertEquals(List.of(), alarms.activeAt("nope"));
    }

    @Test
    void pruneForgetsTheOldestResolvedAlarmsAndKeepsEveryActiveOne() {
        for (int i = 0; i < 5; i++) {
            AlarmRecord a = alarm("r" + i, "b01", AlarmType.PANIC, i);
            a.resolvedAt = T0.plusSeconds(10 + i);
            alarms.add(a);
        }
        alarms.add(alarm("active", "b01", AlarmType.PANIC, 6));
        alarms.prune(3);
        assertEquals(List.of("r3", "r4", "active"), alarms.all().stream().map(a -> a.id).toList());
        assertNull(alarms.get("r0"));
        assertFalse(alarms.contains("r2"));
        assertTrue(alarms.contains("r3"));
        alarms.prune(0);
        assertEquals(List.of("active"), ids(alarms.active()), "an active alarm is never pruned");
        assertEquals(List.of("active"), ids(alarms.activeAt("b01")));
    }

    @Test
    void activeLeavesOutResolvedAndReplacedAlarms() {
        AlarmRecord a = alarm("a", "b01", AlarmType.PANIC, 0);
        alarms.add(a);
        alarms.add(alarm("b", "b02", AlarmType.STILLNESS, 1));
        AlarmRecord old = alarm("c", "b03", AlarmType.PANIC, 2);
        alarms.add(old);
        alarms.add(alarm("c", "b03", AlarmType.PANIC, 3)); // the same id again replaces the record
        a.resolvedAt = T0.plusSeconds(5);
        List<AlarmRecord> active = alarms.active();
        assertEquals(List.of("c", "b"), ids(active));
        assertTrue(active.stream().noneMatch(x -> x == old), "the replaced record is not listed");
        alarms.get("b").resolvedAt = T0.plusSeconds(6);
        alarms.get("c").resolvedAt = T0.plusSeconds(6);
        assertEquals(List.of(), alarms.active());
        assertEquals(List.of(), alarms.activeAt("b02"));
    }
}
