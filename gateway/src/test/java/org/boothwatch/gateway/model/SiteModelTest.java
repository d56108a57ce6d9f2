package org.boothwatch.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.HeartbeatPayload;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.junit.jupiter.api.Test;

class SiteModelTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));
    final SiteModel model = new SiteModel("demo", time, Duration.ofSeconds(30), Duration.ofSeconds(3));
    long seq;

    StatusPayload status(String boot, boolean online) {
        return new StatusPayload(1, "demo", "b01", boot, ++seq, time.now(), online, "1.0", Map.of());
    }

    HeartbeatPayload heartbeat(String boot) {
        return new HeartbeatPayload(1, "demo", "b01", boot, ++seq, time.now(), 1);
    }

    EventPayload event(String boot, EventKind kind, AlarmInfo a) {
        return EventPayload.alarm(Envelope.of("demo", "b01", boot, ++seq, time.now()), kind, a);
    }

    StatePayload state(String boot, List<AlarmInfo> alarms) {
        return new StatePayload(1, "demo", "b01", boot, ++seq, time.now(), true, time.now(), time.now(),
                alarms.isEmpty() ? Phase.OCCUPIED : Phase.ALARM, alarms, null, null, List.of(), true);
    }

    AlarmInfo panic(String id) {
        return AlarmInfo.raised(id, AlarmType.PANIC, time.now());
    }

    @Test
    void unacknowledgedAlarmEscalatesAfterEscalateAfterAndNotBefore() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        time.advance(Duration.ofSeconds(29));
        model.onHeartbeat(heartbeat("a"));
        assertTrue(model.tick().escalated.isEmpty());
        time.advance(Duration.ofSeconds(1));
        Changes c = model.tick();
        assertEquals(1, c.escalated.size());
        AlarmView v = model.alarm("a-1").orElseThrow().view();
        assertEquals(AlarmState.ESCALATED, v.state());
        assertTrue(v.escalated());
        assertEquals(time.now(), v.escalatedAt());
        assertTrue(model.tick().escalated.isEmpty(), "escalates once");

        Changes ack = model.acknowledge("a-1", "display-1").orElseThrow();
        assertEquals(CommandType.ACKNOWLEDGE, ack.commands.get(0).cmd());
        AlarmView after = model.alarm("a-1").orElseThrow().view();
        assertEquals(AlarmState.ACKNOWLEDGED, after.state());
        assertTrue(after.escalated(), "escalation stays recorded after the ack");
    }

    @Test
    void acknowledgedAlarmDoesNotEscalate() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        time.advance(Duration.ofSeconds(5));
        model.acknowledge("a-1", "d");
        model.onHeartbeat(heartbeat("a"));
        time.advance(Duration.ofSeconds(60));
        assertTrue(model.tick().escalated.isEmpty());
    }

    @Test
    void aWallClockJumpDoesNotEscalate() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        time.jumpWall(Duration.ofHours(2));
        assertTrue(model.tick().escalated.isEmpty());
    }

    @Test
    void threeMissedHeartbeatsRaiseBoothOfflineAndAHeartbeatClearsIt() {
        model.onStatus(status("a", true), false);
        time.advance(Duration.ofSeconds(9));
        assertTrue(model.tick().alarms.isEmpty());
        time.advance(Duration.ofMillis(1));
        Changes c = model.tick();
        AlarmRecord off = c.alarms.iterator().next();
        assertEquals(AlarmType.BOOTH_OFFLINE, off.type);
        assertEquals("3 heartbeats missed", off.reason());
        assertFalse(model.boothView("b01").online());
        assertTrue(model.tick().alarms.isEmpty(), "raised once");

        model.onHeartbeat(heartbeat("a"));
        assertEquals(ResolvedBy.BOOTH_ONLINE, model.alarm(off.id).orElseThrow().resolvedBy());
        assertTrue(model.boothView("b01").online());
    }

    @Test
    void aHeartbeatIsABoothChangeOnlyWhenItBringsTheBoothBackOrANewBoot() {
        model.onStatus(status("a", true), false);
        time.advance(Duration.ofSeconds(1));
        Changes same = model.onHeartbeat(heartbeat("a"));
        assertTrue(same.booths.isEmpty(), "an online booth's heartbeat moves only lastSeenAt: no display event");
        assertEquals(time.now(), model.boothView("b01").lastSeenAt(), "but the model (and so /api/booths) has it");

        time.advance(Duration.ofSeconds(10));
        assertFalse(model.tick().alarms.isEmpty(), "offline");
        assertEquals(List.of("b01"), List.copyOf(model.onHeartbeat(heartbeat("a")).booths), "back online");
        assertEquals(List.of("b01"), List.copyOf(model.onHeartbeat(heartbeat("b")).booths), "a new bootId");
    }

    @Test
    void lastWillOfAnOlderBootIsIgnored() {
        model.onStatus(status("old", true), false);
        model.onStatus(status("new", true), false);
        model.onStatus(status("old", false), false);
        assertTrue(model.boothView("b01").online());
        assertTrue(model.activeAlarms().isEmpty());
        model.onStatus(status("new", false), false);
        assertFalse(model.boothView("b01").online());
        assertEquals("last will", model.activeAlarms().get(0).reason());
    }

    @Test
    void ackWhileBoothOfflineIsKeptAsUnreachableAndResentWhenBack() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        model.onStatus(status("a", false), false);
        model.acknowledge("a-1", "d");
        AlarmView v = model.alarm("a-1").orElseThrow().view();
        assertEquals(AlarmState.ACKNOWLEDGED, v.state());
        assertFalse(v.boothReachable());
        assertTrue(model.tick().commands.isEmpty(), "no resend while offline");
        model.onHeartbeat(heartbeat("a"));
        Changes c = model.tick();
        assertEquals(1, c.commands.size());
        assertEquals(CommandType.ACKNOWLEDGE, c.commands.get(0).cmd());
        assertTrue(model.alarm("a-1").orElseThrow().view().boothReachable());
    }

    @Test
    void stateWithoutTheAlarmResolvesItAndTheLaterEventSaysHow() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        model.onState(state("a", List.of(panic("a-1"))), false);
        assertEquals(1, model.activeAlarms().size());
        model.onState(state("a", List.of()), false);
        assertTrue(model.activeAlarms().isEmpty());
        model.onEvent(event("a", EventKind.ALARM_RESOLVED, panic("a-1").resolve(time.now(), ResolvedBy.BOOTH_RESET, null, null)));
        assertEquals(ResolvedBy.BOOTH_RESET, model.alarm("a-1").orElseThrow().resolvedBy());
    }

    @Test
    void aRaisedEventOlderThanTheStateThatNoLongerListsItIsNotActive() {
        seq = 4;
        model.onState(state("a", List.of()), true); // retained state, seq 5
        seq = 1;
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-0"))); // queued event, seq 2: older than the state
        assertTrue(model.activeAlarms().isEmpty());
    }

    @Test
    void activeAlarmsAreSortedHighFirstThenOldest() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, AlarmInfo.raised("s", AlarmType.STILLNESS, time.now())));
        time.advance(Duration.ofSeconds(1));
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("p2")));
        time.advance(Duration.ofSeconds(1));
        model.onEvent(event("a", EventKind.ALARM_RAISED, AlarmInfo.raised("f", AlarmType.SENSOR_FAULT, time.now())));
        List<String> order = model.activeAlarms().stream().map(a -> a.id).toList();
        assertEquals(List.of("p2", "s", "f"), order);
    }

    @Test
    void aBoothViewListsOnlyThatBoothsActiveAlarmsMostUrgentFirst() {
        model.onStatus(status("a", true), false);
        model.onStatus(new StatusPayload(1, "demo", "b02", "c", 1, time.now(), true, "1.0", Map.of()), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, AlarmInfo.raised("s", AlarmType.STILLNESS, time.now())));
        model.onEvent(EventPayload.alarm(Envelope.of("demo", "b02", "c", 2, time.now()), EventKind.ALARM_RAISED, panic("other")));
        time.advance(Duration.ofSeconds(1));
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("p")));
        assertEquals(List.of("p", "s"), model.boothView("b01").alarms().stream().map(AlarmView::id).toList());
        assertEquals(List.of("other"), model.boothView("b02").alarms().stream().map(AlarmView::id).toList());
        model.resolve("p", "nurse", "fine").orElseThrow();
        assertEquals(List.of("s"), model.boothView("b01").alarms().stream().map(AlarmView::id).toList());
        model.resolve("s", "nurse", "fine").orElseThrow();
        assertTrue(model.boothView("b01").alarms().isEmpty());
        assertEquals(List.of("other"), model.boothView("b02").alarms().stream().map(AlarmView::id).toList());
    }

    @Test
    void remoteResolveRecordsWhoAndWhyAndIsFinal() {
        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        Changes c = model.resolve("a-1", "nurse", "person responsive").orElseThrow();
        assertEquals(CommandType.RESOLVE, c.commands.get(0).cmd());
        AlarmView v = model.alarm("a-1").orElseThrow().view();
        assertEquals(ResolvedBy.REMOTE, v.resolvedBy());
        assertEquals("nurse", v.resolvedByWho());
        assertEquals("person responsive", v.reason());
        assertTrue(model.resolve("a-1", "x", "y").orElseThrow().isEmpty());
        assertTrue(model.acknowledge("nope", "x").isEmpty());
    }

    @Test
    void seqGapsAreReported() {
        assertTrue(model.seqGap("b01", "a", 1).isEmpty());
        assertTrue(model.seqGap("b01", "a", 2).isEmpty());
        assertEquals("seq gap at b01 bootId a: 3..4 not seen", model.seqGap("b01", "a", 5).orElseThrow());
        assertTrue(model.seqGap("b01", "b", 1).isEmpty(), "a new boot starts over");
        assertNull(model.boothView("zz"));
    }

    @Test
    void aTrainingSitesAlarmAndBoothViewsSayTrainingANormalSitesDoNot() {
        SiteModel training = new SiteModel("training-ward", time, Duration.ofSeconds(30), Duration.ofSeconds(3));
        training.onStatus(new StatusPayload(1, "training-ward", "b01", "t", 1, time.now(), true, "1.0", Map.of()), false);
        training.onEvent(EventPayload.alarm(Envelope.of("training-ward", "b01", "t", 2, time.now()), EventKind.ALARM_RAISED,
                panic("t-1")));
        time.advance(Duration.ofSeconds(10)); // heartbeats missed: the gateway's own BOOTH_OFFLINE is a drill too
        Changes c = training.tick();
        assertEquals(1, c.alarms.size());
        assertTrue(c.alarms.iterator().next().view().training(), "gateway-raised BOOTH_OFFLINE at a training site");
        AlarmRecord a = training.alarm("t-1").orElseThrow();
        assertTrue(a.training());
        assertTrue(a.view().training());
        assertTrue(a.toString().startsWith("TRAINING "), a.toString());
        assertTrue(training.boothView("b01").training());
        assertTrue(training.boothView("b01").alarms().stream().allMatch(AlarmView::training));

        model.onStatus(status("a", true), false);
        model.onEvent(event("a", EventKind.ALARM_RAISED, panic("a-1")));
        assertFalse(model.alarm("a-1").orElseThrow().view().training());
        assertFalse(model.alarm("a-1").orElseThrow().toString().contains("TRAINING"));
        assertFalse(model.boothView("b01").training());
    }

    private boolean offline() {
        return model.activeAlarms().stream().anyMatch(a -> a.type == AlarmType.BOOTH_OFFLINE);
    }

    @Test
    void retainedStatusWithAnOldAtGetsAFullGracePeriodFromArrival() {
        StatusPayload old = status("boot1", true); // 'at' is now; the gateway restarts an hour later
        time.advance(Duration.ofHours(1));
        model.arrivedAt(time.nanos());
        model.onStatus(old, true);
        model.arrivedAt(-1);
        time.advance(Duration.ofMillis(8900));
        model.tick();
        assertFalse(offline(), "within 3 heartbeats of the subscription delivering the retained status");
        time.advance(Duration.ofMillis(200));
        model.tick();
        assertTrue(offline(), "3 heartbeats missed after the grace period");
    }

    @Test
    void aProcessorBacklogIsNotBoothSilence() {
        model.arrivedAt(time.nanos());
        model.onStatus(status("boot1", true), false);
        long[] arrivals = new long[4];
        HeartbeatPayload[] beats = new HeartbeatPayload[4];
        for (int i = 0; i < 4; i++) { // heartbeats arrive every 3 s while the processor is stuck
            time.advance(Duration.ofSeconds(3));
            arrivals[i] = time.nanos();
            beats[i] = heartbeat("boot1");
        }
        time.advance(Duration.ofSeconds(1)); // 13 s after the birth, nothing processed since
        model.tick(arrivals[0]);
        assertFalse(offline(), "messages are waiting: the booth was heard 3 s after its birth");
        for (int i = 0; i < 4; i++) {
            model.arrivedAt(arrivals[i]);
            model.onHeartbeat(beats[i]);
            model.arrivedAt(-1);
            model.tick(i + 1 < 4 ? arrivals[i + 1] : Long.MAX_VALUE);
            assertFalse(offline(), "after heartbeat " + i);
        }
        time.advance(Duration.ofMillis(8100)); // 9.1 s after the last heartbeat arrived
        model.tick(Long.MAX_VALUE);
        assertTrue(offline());
    }

    @Test
    void cleanStopIsToldApartFromALastWillAndBothRaiseBoothOffline() {
        StatusPayload will = status("boot1", false); // made at connect: older seq
        StatusPayload birth = status("boot1", true);
        model.seqGap("b01", "boot1", birth.seq());
        model.onStatus(birth, false);
        HeartbeatPayload hb = heartbeat("boot1");
        model.seqGap("b01", "boot1", hb.seq());
        model.onHeartbeat(hb);
        model.seqGap("b01", "boot1", will.seq());
        model.onStatus(will, false);
        assertEquals("last will", model.activeAlarms().get(0).reason);

        StatusPayload birth2 = status("boot2", true);
        model.seqGap("b01", "boot2", birth2.seq());
        model.onStatus(birth2, false);
        assertFalse(offline());
        StatusPayload stop = status("boot2", false); // published by the agent itself, last
        model.seqGap("b01", "boot2", stop.seq());
        model.onStatus(stop, false);
        assertTrue(offline(), "a stopped booth is unseen: still BOOTH_OFFLINE");
        assertEquals("clean stop", model.activeAlarms().stream().filter(a -> a.type == AlarmType.BOOTH_OFFLINE)
                .findFirst().orElseThrow().reason);
    }
}
