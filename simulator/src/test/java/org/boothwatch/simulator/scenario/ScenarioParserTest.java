package org.boothwatch.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Phase;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {

    @Test
    void parsesEveryStepForm() throws Exception {
        Scenario s = ScenarioParser.parse("all", """
                # a comment line
                booths b01 b02   # trailing comment
                0s b01 enter
                2.5s b01 move
                3s b01 moving
                4s b01 still
                5s b01 panic
                6s b01 reset
                7s b02 net-cut
                8s b02 net-restore
                9s b02 crash
                10s b02 restart
                11s b01 leave
                1m gateway restart
                1m broker restart
                1m30s ack b01 INACTIVITY
                2m resolve b01 PANIC false alarm, checked in person
                3m expect b01 STILLNESS raised within 10s
                3m expect b01 INACTIVITY acknowledged
                3m expect b01 PANIC resolved within 1m30s
                3m expect b02 BOOTH_OFFLINE absent
                3m expect b01 phase STILL
                3m expect b01 lamp flash within 2s
                3m expect b01 buzzer on
                3m expect b01 online
                3m expect b02 offline within 30s
                """);
        assertEquals(List.of("b01", "b02"), s.booths());
        assertEquals(24, s.steps().size());
        assertEquals(new Step.Booth(Duration.ofMillis(2500), 4, "b01", BoothAction.MOVE), s.steps().get(1));
        assertEquals(new Step.Resolve(Duration.ofMinutes(2), 17, "b01", AlarmType.PANIC, "false alarm, checked in person"),
                s.steps().get(14));
        List<Step.Expect> ex = s.expectations();
        assertEquals(new Expectation.AlarmIs(AlarmType.STILLNESS, AlarmState.RAISED), ex.get(0).what());
        assertEquals(Duration.ofSeconds(10), ex.get(0).within());
        assertEquals(Duration.ZERO, ex.get(1).within());
        assertEquals(Duration.ofSeconds(90), ex.get(2).within());
        assertEquals(new Expectation.PhaseIs(Phase.STILL), ex.get(4).what());
        assertEquals(new Expectation.LampIs(Lamp.FLASH), ex.get(5).what());
        assertEquals(new Expectation.BuzzerIs(Buzzer.ON), ex.get(6).what());
        assertEquals(new Expectation.OnlineIs(false), ex.get(8).what());
        assertInstanceOf(Step.GatewayRestart.class, s.steps().get(11));
        assertInstanceOf(Step.BrokerRestart.class, s.steps().get(12));
        assertEquals(Duration.ofSeconds(270), s.end());
    }

    @Test
    void stepsRunInTimeOrderKeepingFileOrderForTies() throws Exception {
        Scenario s = ScenarioParser.parse("order", """
                booths a
                10s a leave
                0s a enter
                10s a panic
                """);
        assertEquals(List.of(3, 2, 4), s.steps().stream().map(Step::line).toList());
    }

    @Test
    void durations() {
        assertEquals(Duration.ZERO, Durations.parse("0s"));
        assertEquals(Duration.ofMillis(2500), Durations.parse("2.5s"));
        assertEquals(Duration.ofMinutes(3), Durations.parse("3m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        for (String bad : List.of("", "5", "s", "3x", "1s1m", "-1s", "1.5.2s")) {
            assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
        }
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("2.5s", Durations.format(Duration.ofMillis(2500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("bad.txt", """
                booths b01
                0s b01 dance
                5x b01 enter
                1s b09 enter
                2s expect b01 PANIC raised within
                3s expect b01 FIRE raised
                4s expect b01 lamp purple
                5s resolve b01 PANIC
                6s gateway reboot
                7s expect b01 phase asleep
                8s ack b01 panic
                booths b02
                """));
        List<String> p = e.problems();
        assertEquals(11, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("line 2: unknown booth action 'dance'; allowed: enter | leave"), p.get(0));
        assertTrue(p.get(1).startsWith("line 3: a step starts with a time offset: '5x' is not a duration"), p.get(1));
        assertTrue(p.get(2).startsWith("line 4: 'b09' is not a declared booth (declared: b01)"), p.get(2));
        assertTrue(p.get(3).contains("line 5: 'within' must be followed by exactly one duration"), p.get(3));
        assertTrue(p.get(4).contains("unknown alarm type 'FIRE'; allowed: PANIC | INACTIVITY"), p.get(4));
        assertTrue(p.get(5).contains("unknown lamp 'purple'; allowed: off | on | flash"), p.get(5));
        assertTrue(p.get(6).contains("a reason is required"), p.get(6));
        assertTrue(p.get(7).contains("expected 'gateway restart'"), p.get(7));
        assertTrue(p.get(8).contains("unknown phase 'asleep'; allowed: VACANT | OCCUPIED | STILL | ALARM"), p.get(8));
        assertTrue(p.get(9).contains("unknown alarm type 'panic'"), p.get(9));
        assertTrue(p.get(10).startsWith("line 12: booths are declared once"), p.get(10));
        assertTrue(e.getMessage().startsWith("bad.txt: 11 problem(s)"), e.getMessage());
    }

    @Test
    void firstStepMustDeclareValidBooths() {
        assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x", "0s b01 enter\n"));
        assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x", "# only comments\n\n"));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x", "booths B01\n"));
        assertTrue(e.getMessage().contains("booth='B01' is not a valid id"), e.getMessage());
        e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x", "booths a a\n"));
        assertTrue(e.getMessage().contains("declared twice"), e.getMessage());
        e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("x", "booths gateway\n"));
        assertTrue(e.getMessage().contains("scenario keyword"), e.getMessage());
    }
}
