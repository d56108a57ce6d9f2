package org.boothwatch.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.ResolvedBy;
import org.junit.jupiter.api.Test;

/** Booth liveness on its own: the heartbeat grace period, one BOOTH_OFFLINE at a time, back online. */
class BoothLivenessTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));
    final SiteAlarms alarms = new SiteAlarms();
    final BoothLiveness liveness = new BoothLiveness("demo", time, Duration.ofSeconds(3), alarms);
    final BoothRecord b01 = new BoothRecord("b01");

    Changes seen() {
        Changes c = new Changes();
        liveness.seen(b01, c, time.now());
        return c;
    }

    Changes silence() {
        Changes c = new Changes();
        liveness.checkSilence(b01, time.nanos(), c);
        return c;
    }

    List<AlarmRecord> offline() {
        return alarms.activeAt("b01").stream().filter(a -> a.type == AlarmType.BOOTH_OFFLINE).toList();
    }

    @Test
    void offlineOnlyAfterThreeHeartbeatIntervalsOfSilence() {
        assertTrue(seen().booths.contains("b01"));
        assertTrue(b01.online);
        time.advance(Duration.ofSeconds(9));
        assertTrue(silence().isEmpty(), "exactly 3 intervals: still within the grace period");
        time.advance(Duration.ofMillis(1));
        Changes c = silence();
        assertFalse(b01.online);
        AlarmRecord off = offline().get(0);
        assertEquals(BoothLiveness.MISSED_HEARTBEATS + " heartbeats missed", off.reason());
        assertTrue(off.gatewayOwned());
        assertFalse(off.boothReachable());
        assertEquals("demo", off.site);
        assertTrue(c.alarms.contains(off));
        assertTrue(silence().isEmpty(), "an offline booth is not raised again");
    }

    @Test
    void oneBoothOfflineAtATimeAndBeingSeenResolvesIt() {
        seen();
        Changes c = new Changes();
        liveness.goOffline(b01, c, "last will");
        liveness.goOffline(b01, c, "clean stop");
        assertEquals(1, offline().size());
        assertEquals("last will", offline().get(0).reason());
        AlarmRecord off = offline().get(0);

        time.advance(Duration.ofSeconds(1));
        Changes back = seen();
        assertTrue(b01.online);
        assertEquals(ResolvedBy.BOOTH_ONLINE, off.resolvedBy());
        assertEquals(time.now(), off.resolvedAt());
        assertTrue(back.alarms.contains(off));
        assertTrue(seen().alarms.isEmpty(), "resolved once");
    }

    @Test
    void offlineIdsStayUniqueWithinOneMillisecond() {
        seen();
        liveness.goOffline(b01, new Changes(), "last will");
        String first = offline().get(0).id;
        seen(); // same instant: the first BOOTH_OFFLINE is resolved, its id still kept
        liveness.goOffline(b01, new Changes(), "last will");
        String second = offline().get(0).id;
        assertNotEquals(first, second);
        assertTrue(second.startsWith(first + "-"), second);
    }

    @Test
    void silenceIsJudgedFromArrivalNotFromWhenTheMessageWasHandled() {
        long arrived = time.nanos();
        time.advance(Duration.ofSeconds(5)); // the processor was busy
        liveness.arrivedAt(arrived);
        seen();
        liveness.arrivedAt(-1);
        time.advance(Duration.ofMillis(4001)); // 9.001 s after arrival, 4.001 s after handling
        assertFalse(silence().isEmpty());
        assertFalse(b01.online);
    }
}
