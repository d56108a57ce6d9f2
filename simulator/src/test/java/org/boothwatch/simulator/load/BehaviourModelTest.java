package org.boothwatch.simulator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.boothwatch.simulator.load.BehaviourModel.Planned;
import org.boothwatch.simulator.load.BehaviourModel.Session;
import org.boothwatch.simulator.scenario.BoothAction;
import org.junit.jupiter.api.Test;

class BehaviourModelTest {
    private static final BehaviourModel.Params P = BehaviourModel.Params.defaults();

    @Test
    void sessionsAverageAbout20MinutesAndOverdosesAbout13PerThousand() {
        BehaviourModel m = new BehaviourModel(P, 42);
        int n = 60_000, overdoses = 0, panics = 0;
        double occupiedS = 0;
        for (int i = 0; i < n; i++) {
            Session s = m.next();
            List<Planned> a = s.actions();
            if (!s.overdose()) occupiedS += between(a, BoothAction.ENTER, BoothAction.LEAVE);
            if (s.overdose()) overdoses++;
            if (s.panic()) panics++;
        }
        double meanMin = occupiedS / (n - overdoses) / 60;
        assertEquals(20.0, meanMin, 1.0, "mean session minutes");
        double perThousand = overdoses * 1000.0 / n;
        assertEquals(1.3, perThousand, 0.3, "overdoses per 1000 sessions");
        assertEquals(4.0, panics * 1000.0 / n, 1.0, "panics per 1000 sessions");
    }

    @Test
    void everySessionEntersFirstLeavesLastAndOnlyOverdosesGoStillUntilTheAlarm() {
        BehaviourModel m = new BehaviourModel(P, 7);
        int overdoses = 0, longPauses = 0, warned = 0;
        for (int i = 0; i < 20_000; i++) {
            Session s = m.next();
            List<Planned> a = s.actions();
            assertEquals(BoothAction.ENTER, a.get(0).action());
            assertEquals(BoothAction.LEAVE, a.get(a.size() - 1).action());
            assertTrue(s.length().compareTo(a.get(a.size() - 1).at()) > 0);
            Duration longest = longestStillness(a);
            if (s.overdose()) {
                overdoses++;
                assertTrue(longest.compareTo(P.alarmAfter()) > 0, "an overdose stays still past alarmAfter");
            } else if (!s.longPause()) {
                assertTrue(longest.compareTo(P.warnAfter()) < 0, "normal motion never reaches a warning: " + longest);
            } else {
                longPauses++;
                if (longest.compareTo(P.warnAfter()) > 0) warned++;
                assertTrue(longest.compareTo(P.alarmAfter()) < 0, "a long pause never alarms: " + longest);
            }
        }
        assertTrue(overdoses >= 10, "overdoses drawn: " + overdoses);
        assertTrue(warned > longPauses * 0.8, warned + " of " + longPauses + " long pauses reach a warning");
    }

    @Test
    void sameSeedSamePlan() {
        assertEquals(new BehaviourModel(P, 3).next(), new BehaviourModel(P, 3).next());
    }

    private static double between(List<Planned> a, BoothAction from, BoothAction to) {
        Duration f = a.stream().filter(x -> x.action() == from).findFirst().orElseThrow().at();
        Duration t = a.stream().filter(x -> x.action() == to).findFirst().orElseThrow().at();
        return (t.toMillis() - f.toMillis()) / 1000.0;
    }

    /** Longest time while occupied without a motion pulse (enter and reset count as movement). */
    private static Duration longestStillness(List<Planned> a) {
        Duration last = null, longest = Duration.ZERO;
        for (Planned p : a) {
            switch (p.action()) {
                case ENTER, MOVE, RESET, LEAVE, PANIC -> {
                    if (last != null && p.at().minus(last).compareTo(longest) > 0) longest = p.at().minus(last);
                    last = p.at();
                }
                default -> { }
            }
        }
        return longest;
    }
}
