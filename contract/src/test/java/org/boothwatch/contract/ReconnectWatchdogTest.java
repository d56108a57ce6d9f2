package org.boothwatch.contract;

import static org.boothwatch.contract.ReconnectWatchdog.Action.NONE;
import static org.boothwatch.contract.ReconnectWatchdog.Action.NUDGE;
import static org.boothwatch.contract.ReconnectWatchdog.Action.REPLACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.boothwatch.contract.ReconnectWatchdog.Action;
import org.junit.jupiter.api.Test;

class ReconnectWatchdogTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-01-01T00:00:00Z"));

    Action check(ReconnectWatchdog w, boolean connected) {
        return w.check(time.nanos(), connected, false);
    }

    /** Polls every {@code step} for {@code total}, starting now, and returns what happened at which second. */
    List<String> poll(ReconnectWatchdog w, Duration step, Duration total, boolean connected) {
        List<String> seen = new ArrayList<>();
        for (long t = 0; t <= total.toNanos(); t += step.toNanos()) {
            Action a = check(w, connected);
            if (a != NONE) seen.add(a + "@" + Duration.ofNanos(t).toMillis() / 1000.0);
            time.advance(step);
        }
        return seen;
    }

    @Test
    void staysQuietWhileConnected() {
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        assertEquals(List.of(), poll(w, Duration.ofSeconds(1), Duration.ofMinutes(5), true));
        assertEquals(Duration.ZERO, w.outage(time.nanos()));
    }

    @Test
    void staysQuietWhileClosingEvenWhenDisconnectedForLong() {
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        for (int i = 0; i < 60; i++) {
            assertEquals(NONE, w.check(time.nanos(), false, true));
            time.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void nudgesOnceAfterAShortOutageThenReplacesAfterTheLimit() {
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        // The outage starts at the first check that sees it (t=0).
        assertEquals(List.of("NUDGE@3.0", "REPLACE@8.0"), poll(w, Duration.ofSeconds(1), Duration.ofSeconds(10), false));
        assertEquals(1, w.replacementsInOutage());
        assertEquals(Duration.ofSeconds(11), w.outage(time.nanos()));
    }

    @Test
    void withoutANudgeOnlyReplacesLikeTheGatewayWatchdog() {
        // The gateway polls every 2 s and replaces after 8 s.
        ReconnectWatchdog w = new ReconnectWatchdog(null, Duration.ofSeconds(8));
        assertEquals(List.of("REPLACE@8.0", "REPLACE@16.0", "REPLACE@24.0"),
                poll(w, Duration.ofSeconds(2), Duration.ofSeconds(25), false));
    }

    @Test
    void doesNotReplaceAgainBeforeTheReplacementHadItsOwnTime() {
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofSeconds(8));
        assertEquals(REPLACE, check(w, false));
        // A check soon after (a fast poller, or a late tick) must not replace the fresh client again.
        time.advance(Duration.ofMillis(100));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofMillis(2_900));
        assertEquals(NUDGE, check(w, false), "the fresh client gets its own nudge");
        time.advance(Duration.ofMillis(4_999));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofMillis(1));
        assertEquals(REPLACE, check(w, false));
        assertEquals(2, w.replacementsInOutage());
    }

    @Test
    void aLongPauseBetweenChecksReplacesOnceNotOncePerMissedPeriod() {
        // After a process pause the first check comes late: one replacement, not a burst.
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofMinutes(10));
        assertEquals(REPLACE, check(w, false));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofSeconds(1));
        assertEquals(NONE, check(w, false));
    }

    @Test
    void reconnectingEndsTheOutageAndTheNextOneStartsAfresh() {
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        assertEquals(List.of("NUDGE@3.0"), poll(w, Duration.ofSeconds(1), Duration.ofSeconds(7), false));
        assertEquals(NONE, check(w, true)); // Paho managed on its own
        assertEquals(0, w.replacementsInOutage());
        time.advance(Duration.ofSeconds(1));
        // A new outage: counted from its own start, not from the first one.
        assertEquals(List.of("NUDGE@3.0", "REPLACE@8.0"), poll(w, Duration.ofSeconds(1), Duration.ofSeconds(8), false));
    }

    @Test
    void aFlappingConnectionIsNeverReplaced() {
        ReconnectWatchdog w = new ReconnectWatchdog(Duration.ofSeconds(3), Duration.ofSeconds(8));
        for (int i = 0; i < 100; i++) {
            assertEquals(NONE, check(w, i % 3 == 0));
            time.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void closingDuringAnOutageResetsIt() {
        ReconnectWatchdog w = new ReconnectWatchdog(null, Duration.ofSeconds(8));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofSeconds(7));
        assertEquals(NONE, w.check(time.nanos(), false, true));
        time.advance(Duration.ofSeconds(7));
        assertEquals(NONE, check(w, false), "a new outage starts here");
        time.advance(Duration.ofSeconds(7));
        assertEquals(NONE, check(w, false));
        time.advance(Duration.ofSeconds(1));
        assertEquals(REPLACE, check(w, false));
    }

    @Test
    void worksWithNegativeNanoTimeOrigins() {
        ReconnectWatchdog w = new ReconnectWatchdog(null, Duration.ofSeconds(8));
        long start = Long.MIN_VALUE + 5; // System.nanoTime() may be anything, also negative or about to wrap
        assertEquals(NONE, w.check(start, false, false));
        assertEquals(NONE, w.check(start + Duration.ofSeconds(7).toNanos(), false, false));
        assertEquals(REPLACE, w.check(start + Duration.ofSeconds(8).toNanos(), false, false));
        long wrapped = Long.MAX_VALUE - 1;
        ReconnectWatchdog w2 = new ReconnectWatchdog(null, Duration.ofSeconds(8));
        assertEquals(NONE, w2.check(wrapped, false, false));
        assertEquals(REPLACE, w2.check(wrapped + Duration.ofSeconds(8).toNanos(), false, false)); // overflows, as nanoTime may
    }

    @Test
    void rejectsTimingsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectWatchdog(null, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectWatchdog(null, null));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectWatchdog(Duration.ofSeconds(8), Duration.ofSeconds(8)));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectWatchdog(Duration.ZERO, Duration.ofSeconds(8)));
    }
}
