package org.boothwatch.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.boothwatch.agent.TestConfigs;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.ManualTimeSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk-through on simulated IO with a manual clock (timeouts happen only when the test moves it). The
 * broker side is a fixed in-test {@link BrokerCheck}; SelftestIT checks it against a real broker.
 */
class SelftestTest {
    @TempDir
    Path dir;

    final SimulatedBoothIo io = new SimulatedBoothIo();
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2025-01-01T10:00:00Z"));
    final Technician tech = new Technician(io::setInput);

    /** A broker that is reachable with one gateway online. */
    static final class ReachableBroker implements BrokerCheck {
        @Override public String describe() { return "test broker"; }
        @Override public void connect() { }
        @Override public List<GatewaySeen> gateways(String filter, Duration wait) {
            return List.of(new GatewaySeen("gw1", true, Instant.parse("2025-01-01T09:00:00Z"), null));
        }
        @Override public void close() { }
    }

    AgentConfig config(Properties p) {
        return TestConfigs.config(p);
    }

    Properties props() {
        return TestConfigs.properties("b01", "tcp://127.0.0.1:1", dir);
    }

    CompletableFuture<SelftestReport> start(AgentConfig cfg) {
        return tech.start(new Selftest(cfg, io, new ReachableBroker(), time, tech.keyboard, tech.screen.out,
                Selftest.Settings.defaults().withStepTimeout(Duration.ofSeconds(30))));
    }

    static StepResult step(SelftestReport r, String name) {
        return r.results().stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyStepDoneAndConfirmedPassesWithExit0AndNamesThePins() throws Exception {
        CompletableFuture<SelftestReport> run = start(config(props()));
        tech.doAllInputs();
        tech.screen.awaitText(Technician.LAMP_Q);
        assertEquals(Lamp.ON, io.getLamp(), "the lamp is on while the technician is asked");
        tech.keyboard.type("y");
        tech.screen.awaitText(Technician.FLASH_Q);
        assertEquals(Lamp.FLASH, io.getLamp());
        tech.keyboard.type("yes");
        tech.screen.awaitText(Technician.BUZZER_Q);
        assertEquals(Buzzer.ON, io.getBuzzer());
        assertEquals(Lamp.OFF, io.getLamp());
        tech.keyboard.type("Y");
        SelftestReport r = Technician.finish(run);

        assertTrue(r.passed(), tech.screen.text());
        assertEquals(0, r.exitCode());
        assertEquals(List.of("inputs readable", "panic button", "staff reset button", "walk in", "wave", "leave",
                "lamp on", "lamp flashing", "buzzer", "broker connection", "gateway watching"),
                r.results().stream().map(StepResult::step).toList());
        assertEquals("panic button pressed on GPIO 22 (level low), then released on GPIO 22 (level high)",
                step(r, "panic button").detail());
        assertTrue(step(r, "walk in").detail().contains("occupied on GPIO 17 (level high)"));
        assertTrue(step(r, "wave").detail().contains("motion on GPIO 27"));
        assertTrue(step(r, "buzzer").detail().contains("GPIO 25"));
        assertEquals(Lamp.OFF, io.getLamp());
        assertEquals(Buzzer.OFF, io.getBuzzer());
        String out = tech.screen.text();
        assertTrue(out.contains("panic     GPIO 22 pull up   active low  now high = released"), out);
        assertTrue(out.contains("RESULT: PASS - all 11 checks passed."), out);
    }

    @Test
    void anInputNeverSeenFailsAfterTheStepTimeoutNamingThePinAndExits1() throws Exception {
        CompletableFuture<SelftestReport> run = start(config(props()));
        tech.screen.awaitText(Technician.PRESS_PANIC);
        time.advance(Duration.ofSeconds(12));
        tech.screen.awaitText("waiting for panic button pressed on GPIO 22, 18 s left");
        assertFalse(run.isDone());
        time.advance(Duration.ofSeconds(18));
        tech.screen.awaitText("FAIL  panic button: panic button not seen pressed within 30s on GPIO 22 (pull up, active low), pressed = level low");
        tech.when(Technician.PRESS_RESET, Input.RESET, true);
        tech.when(Technician.RELEASE_RESET, Input.RESET, false);
        tech.when(Technician.WALK_IN, Input.OCCUPANCY, true);
        tech.when(Technician.WAVE, Input.MOTION, true);
        tech.when(Technician.LEAVE, Input.OCCUPANCY, false);
        tech.confirmAllOutputs();
        SelftestReport r = Technician.finish(run);

        assertEquals(1, r.exitCode());
        assertEquals(1, r.count(Verdict.FAIL));
        assertEquals(Verdict.FAIL, step(r, "panic button").verdict());
        assertTrue(step(r, "panic button").detail().contains("check the wiring, input.panic.pull and input.panic.activeLevel"), step(r, "panic button").detail());
        assertTrue(tech.screen.text().contains("RESULT: FAIL - 1 failed, 0 skipped"), tech.screen.text());
    }

    @Test
    void skippedStepsAreSkipNotPassAndExit1() throws Exception {
        CompletableFuture<SelftestReport> run = start(config(props()));
        tech.screen.awaitText(Technician.PRESS_PANIC);
        tech.keyboard.type("");  // a stray Enter is not a skip
        tech.screen.awaitText("type s and Enter to skip this check");
        tech.keyboard.type("s");
        tech.when(Technician.PRESS_RESET, Input.RESET, true);
        tech.when(Technician.RELEASE_RESET, Input.RESET, false);
        tech.when(Technician.WALK_IN, Input.OCCUPANCY, true);
        tech.when(Technician.WAVE, Input.MOTION, true);
        tech.when(Technician.LEAVE, Input.OCCUPANCY, false);
        tech.answer(Technician.LAMP_Q, "y");
        tech.answer(Technician.FLASH_Q, "skip");
        tech.answer(Technician.BUZZER_Q, "y");
        SelftestReport r = Technician.finish(run);

        assertFalse(r.passed());
        assertEquals(1, r.exitCode());
        assertEquals(Verdict.SKIP, step(r, "panic button").verdict());
        assertEquals(Verdict.SKIP, step(r, "lamp flashing").verdict());
        assertEquals(0, r.count(Verdict.FAIL));
        assertTrue(tech.screen.text().contains("  SKIP  panic button"), tech.screen.text());
        assertTrue(tech.screen.text().contains("RESULT: FAIL - 0 failed, 2 skipped (a skipped check is not a pass)"));
    }

    @Test
    void aStuckPanicButtonMustBeSeenReleasedFirstAndFailsWhenItNeverIs() throws Exception {
        io.setPanic(true); // held from the start: pressing "now" must not pass on a stuck input
        CompletableFuture<SelftestReport> run = start(config(props()));
        tech.screen.awaitText("The panic button reads pressed: release it.");
        time.advance(Duration.ofSeconds(30));
        tech.screen.awaitText("FAIL  panic button: panic button not seen released within 30s on GPIO 22 (pull up, active low), released = level high");
        tech.keyboard.close(); // the technician's input ends: the rest can neither be skipped nor confirmed
        tech.screen.awaitText(Technician.PRESS_RESET);
        time.advance(Duration.ofSeconds(30));
        tech.screen.awaitText(Technician.WALK_IN);
        time.advance(Duration.ofSeconds(30));
        tech.screen.awaitText(Technician.WAVE);
        time.advance(Duration.ofSeconds(30));
        tech.screen.awaitText("The booth reads vacant: WALK IN first"); // leaving is only seen after being occupied
        time.advance(Duration.ofSeconds(30));
        SelftestReport r = Technician.finish(run);

        assertEquals(1, r.exitCode());
        assertEquals("lamp on: no answer: the technician's input has ended",
                step(r, "lamp on").detail().replaceFirst("^lamp on GPIO 24 driven high", "lamp on"));
        assertEquals(Verdict.FAIL, step(r, "buzzer").verdict());
        assertEquals(3, r.count(Verdict.PASS), "only 'inputs readable' and the two broker checks pass: " + r);
        assertEquals(Verdict.FAIL, step(r, "leave").verdict(), "a booth that never read occupied does not pass 'leave'");
        assertEquals(Lamp.OFF, io.getLamp());
        assertEquals(Buzzer.OFF, io.getBuzzer());
    }

    @Test
    void aNoFromTheTechnicianFailsTheOutputAndAnUnreadableInputFails() throws Exception {
        Properties p = props();
        p.setProperty("output.buzzer.pin", "5");
        p.setProperty("output.buzzer.activeLevel", "low");
        io.setUnreadable(Input.MOTION, true);
        CompletableFuture<SelftestReport> run = start(config(p));
        tech.doAllInputsExceptWave();
        tech.answer(Technician.LAMP_Q, "y");
        tech.answer(Technician.FLASH_Q, "y");
        tech.screen.awaitText(Technician.BUZZER_Q);
        assertEquals(Buzzer.ON, io.getBuzzer());
        tech.keyboard.type("maybe");
        tech.screen.awaitText("Please type y, n or s");
        tech.keyboard.type("n");
        SelftestReport r = Technician.finish(run);

        assertEquals(1, r.exitCode());
        assertEquals(Verdict.FAIL, step(r, "inputs readable").verdict());
        assertTrue(step(r, "inputs readable").detail().contains("motion (GPIO 27)"));
        assertEquals(Verdict.FAIL, step(r, "wave").verdict());
        assertEquals(Verdict.FAIL, step(r, "buzzer").verdict());
        assertTrue(step(r, "buzzer").detail().startsWith("buzzer on GPIO 5 driven low: the technician did not see/hear it"),
                step(r, "buzzer").detail());
        assertEquals(3, r.count(Verdict.FAIL));
    }
}
