package org.boothwatch.agent.selftest;

import java.io.PrintStream;
import java.io.Reader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.config.PinConfigs.InputPin;
import org.boothwatch.agent.config.PinConfigs.OutputPin;
import org.boothwatch.agent.io.BoothIo;
import org.boothwatch.agent.io.BoothIoException;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.Output;
import org.boothwatch.agent.selftest.BrokerCheck.GatewaySeen;
import org.boothwatch.agent.selftest.InputWaiter.Outcome;
import org.boothwatch.agent.selftest.TechnicianConsole.Answer;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;

/**
 * The technician's commissioning walk-through ({@code booth-agent selftest}): live input levels, each input
 * exercised (panic, reset, walk in, wave, leave), lamp and buzzer confirmed by the technician, then the
 * broker connection and the gateways' retained status. Every check ends PASS, FAIL or SKIP; only an all-PASS
 * run is a commissioned booth. Runs on any {@link BoothIo} and {@link BrokerCheck}, so tests drive it on
 * simulated or Pi4J-mock GPIO and a real in-process broker.
 */
public final class Selftest {

    /**
     * @param stepTimeout  how long each step waits for an input or an answer
     * @param pollInterval how often inputs and typed lines are looked at (edges also wake it at once)
     * @param gatewayWait  how long to gather the gateways' retained status when none says online
     */
    public record Settings(Duration stepTimeout, Duration pollInterval, Duration gatewayWait) {
        public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(30);
        public static final Duration DEFAULT_GATEWAY_WAIT = Duration.ofSeconds(3);

        public Settings {
            if (stepTimeout.isNegative() || stepTimeout.isZero()) throw new IllegalArgumentException("stepTimeout must be positive");
            if (pollInterval.toMillis() < 1) throw new IllegalArgumentException("pollInterval must be at least 1 ms");
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_STEP_TIMEOUT, Duration.ofMillis(20), DEFAULT_GATEWAY_WAIT);
        }

        public Settings withStepTimeout(Duration d) {
            return new Settings(d, pollInterval, gatewayWait);
        }

        public Settings withGatewayWait(Duration d) {
            return new Settings(stepTimeout, pollInterval, d);
        }
    }

    /**
     * One stage of an input step: bring the input to {@code active}; {@code instruction} is shown if it is not
     * there yet. The stages of a step alternate, so every step passes only on a change it saw.
     */
    private record Phase(boolean active, String instruction, String hint) {}

    private final AgentConfig cfg;
    private final BoothIo io;
    private final BrokerCheck broker;
    private final Settings settings;
    private final TimeSource time;
    private final TechnicianConsole console;
    private final InputWaiter waiter;
    private final List<StepResult> results = new ArrayList<>();

    public Selftest(AgentConfig cfg, BoothIo io, BrokerCheck broker, TimeSource time, Reader in, PrintStream out,
                    Settings settings) {
        this.cfg = cfg;
        this.io = io;
        this.broker = broker;
        this.settings = settings;
        this.time = time;
        this.console = new TechnicianConsole(in, out, time, settings.pollInterval());
        this.waiter = new InputWaiter(io, console, time, settings.pollInterval());
    }

    /** Runs every check once, in order, and prints the summary. Leaves the outputs off. */
    public SelftestReport run() {
        console.say("boothwatch booth selftest: site " + cfg.site() + ", booth " + cfg.booth()
                + ", GPIO provider " + cfg.gpioProvider().name().toLowerCase());
        console.say("Each step waits up to " + Texts.seconds(settings.stepTimeout())
                + ". Type s and Enter to skip a step: a skipped step counts as NOT passed.");
        console.say("Begin with the booth empty and both buttons released.");
        try {
            inputs();
            outputs();
        } finally {
            io.setLamp(Lamp.OFF);
            io.setBuzzer(Buzzer.OFF);
            waiter.close();
        }
        network();
        SelftestReport report = new SelftestReport(results);
        summary(report);
        return report;
    }

    private void inputs() {
        section("Inputs now");
        List<String> unreadable = new ArrayList<>();
        for (Input in : Input.values()) {
            InputPin p = cfg.inputs().get(in);
            String reading;
            try {
                boolean a = waiter.read(in);
                reading = Texts.level(p, a) + " = " + Texts.state(in, a);
            } catch (BoothIoException e) {
                reading = "CANNOT BE READ: " + e.getMessage();
                unreadable.add(in.key() + " (GPIO " + p.pin() + ")");
            }
            console.say("  " + Texts.pad(in.key(), 10) + Texts.pad("GPIO " + p.pin(), 8)
                    + Texts.pad("pull " + p.pull().name().toLowerCase(), 10)
                    + Texts.pad("active " + (p.activeHigh() ? "high" : "low"), 12) + "now " + reading);
        }
        if (unreadable.isEmpty()) {
            record("inputs readable", Verdict.PASS, "all four inputs read");
        } else {
            record("inputs readable", Verdict.FAIL, "cannot read " + String.join(", ", unreadable));
        }
        inputStep("panic button", Input.PANIC,
                new Phase(false, "The panic button reads pressed: release it.", "a stuck or latched button, or input.panic.activeLevel inverted"),
                new Phase(true, "PRESS the panic button now.", "check the wiring, input.panic.pull and input.panic.activeLevel"),
                new Phase(false, "RELEASE the panic button now (turn or pull a latching one to release it).", "a latching button must be released"));
        inputStep("staff reset button", Input.RESET,
                new Phase(false, "The staff reset button reads pressed: release it.", "a stuck button, or input.reset.activeLevel inverted"),
                new Phase(true, "PRESS the staff reset button now.", "check the wiring, input.reset.pull and input.reset.activeLevel"),
                new Phase(false, "RELEASE the staff reset button now.", "the button stays pressed"));
        inputStep("walk in", Input.OCCUPANCY,
                new Phase(false, "The booth reads occupied: everybody out, close the booth as it is when empty.", "an occupancy sensor stuck active, or input.occupancy.activeLevel inverted"),
                new Phase(true, "WALK INTO the booth now (as a client would: close the door, sit down).", "check the occupancy sensor's wiring, supply, input.occupancy.pull and activeLevel"));
        inputStep("wave", Input.MOTION,
                new Phase(false, "Motion reads active: KEEP STILL in the booth until it clears.", "a motion sensor that never clears hides a person who stopped moving: check its hold time and sensitivity, and input.motion.activeLevel"),
                new Phase(true, "WAVE an arm now.", "check the motion sensor's wiring, supply, aim and input.motion.activeLevel"));
        inputStep("leave", Input.OCCUPANCY,
                new Phase(true, "The booth reads vacant: WALK IN first, so that leaving can be seen.", "the booth never reads occupied: check the occupancy sensor"),
                new Phase(false, "LEAVE the booth now.", "the booth still reads occupied after you left: check the occupancy sensor"));
    }

    private void inputStep(String step, Input in, Phase... phases) {
        InputPin p = cfg.inputs().get(in);
        String name = Texts.name(in);
        section(step + ": " + name + " on " + Texts.wiring(p));
        List<String> seen = new ArrayList<>();
        for (Phase ph : phases) {
            boolean now;
            try {
                now = waiter.read(in);
            } catch (BoothIoException e) {
                record(step, Verdict.FAIL, name + " on GPIO " + p.pin() + " cannot be read: " + e.getMessage());
                return;
            }
            if (now == ph.active()) continue;
            String target = Texts.state(in, ph.active());
            waiter.forgetEdges();
            long start = time.nanos(); // before the prompt: the technician may act the moment it appears
            console.say("  > " + ph.instruction() + "  (GPIO " + p.pin() + " now " + Texts.level(p, now) + " = "
                    + Texts.state(in, now) + "; waiting for " + Texts.level(p, ph.active()) + " = " + target + ")");
            Outcome o = waiter.await(in, ph.active(), start, settings.stepTimeout(), name + " " + target + " on GPIO " + p.pin());
            switch (o.result()) {
                case SEEN -> {
                    String s = target + " on GPIO " + p.pin() + " (level " + Texts.level(p, ph.active()) + ")";
                    console.say("    seen: " + name + " " + s);
                    seen.add(s);
                }
                case TIMEOUT -> {
                    record(step, Verdict.FAIL, name + " not seen " + target + " within "
                            + Texts.seconds(settings.stepTimeout()) + " on " + Texts.wiring(p) + ", " + target + " = level "
                            + Texts.level(p, ph.active()) + ": " + ph.hint());
                    return;
                }
                case SKIPPED -> {
                    record(step, Verdict.SKIP, name + " on GPIO " + p.pin() + " not checked (" + o.detail() + ")");
                    return;
                }
                case UNREADABLE -> {
                    record(step, Verdict.FAIL, name + " on GPIO " + p.pin() + " cannot be read: " + o.detail());
                    return;
                }
            }
        }
        if (seen.isEmpty()) { // phases alternate, so this cannot happen; never let a step pass without a change
            record(step, Verdict.FAIL, name + " on GPIO " + p.pin() + ": no change was seen");
            return;
        }
        record(step, Verdict.PASS, name + " " + String.join(", then ", seen));
    }

    private void outputs() {
        OutputPin lamp = cfg.outputs().get(Output.LAMP);
        OutputPin buzzer = cfg.outputs().get(Output.BUZZER);
        String lampPin = "GPIO " + lamp.pin() + " driven " + Texts.level(lamp, true);
        String buzzerPin = "GPIO " + buzzer.pin() + " driven " + Texts.level(buzzer, true);
        outputStep("lamp on", () -> io.setLamp(Lamp.ON), () -> io.setLamp(Lamp.OFF),
                "The booth lamp is switched ON now (" + lampPin + ").", "Is the booth lamp lit?",
                "lamp on " + lampPin, "output.lamp.activeLevel, the lamp's driver (MOSFET/relay) and its supply");
        long halfMs = Math.max(50, cfg.lampFlashPeriod().toMillis() / 2);
        outputStep("lamp flashing", () -> io.setLamp(Lamp.FLASH), () -> io.setLamp(Lamp.OFF),
                "The booth lamp is FLASHING now (" + halfMs + " ms on, " + halfMs + " ms off, GPIO " + lamp.pin() + "), as in an alarm.",
                "Is the booth lamp flashing?", "lamp flashing on GPIO " + lamp.pin(),
                "that the lamp's driver switches every " + halfMs + " ms (a slow relay or a lamp with a start delay does not)");
        outputStep("buzzer", () -> io.setBuzzer(Buzzer.ON), () -> io.setBuzzer(Buzzer.OFF),
                "The buzzer is switched ON now (" + buzzerPin + ").", "Do you hear the buzzer?",
                "buzzer on " + buzzerPin, "output.buzzer.activeLevel, the buzzer's driver and its supply");
    }

    private void outputStep(String step, Runnable on, Runnable off, String announce, String question, String what, String hint) {
        section(step);
        Answer a;
        on.run();
        try {
            console.say("  > " + announce);
            a = console.ask("  " + question, settings.stepTimeout());
        } finally {
            off.run();
        }
        switch (a) {
            case YES -> record(step, Verdict.PASS, what + ": confirmed by the technician");
            case NO -> record(step, Verdict.FAIL, what + ": the technician did not see/hear it; check " + hint);
            case SKIP -> record(step, Verdict.SKIP, what + ": not checked (skipped by the technician)");
            case NONE -> record(step, Verdict.FAIL, what + ": " + console.noAnswerReason());
        }
    }

    private void network() {
        section("broker");
        console.say("  connecting to " + broker.describe());
        try {
            broker.connect();
            record("broker connection", Verdict.PASS, "connected to " + broker.describe());
        } catch (BrokerCheckException e) {
            record("broker connection", Verdict.FAIL, "cannot connect to " + cfg.mqttUri() + ": " + e.getMessage());
            record("gateway watching", Verdict.FAIL, "not checked: no broker connection");
            broker.close();
            return;
        }
        String filter = cfg.gatewayId().map(id -> Topics.gatewayStatus(cfg.site(), id))
                .orElse(Topics.allGatewayStatus(cfg.site()));
        section("gateway");
        console.say("  reading the retained status on " + filter);
        try {
            gatewayVerdict(filter, broker.gateways(filter, settings.gatewayWait()));
        } catch (BrokerCheckException e) {
            record("gateway watching", Verdict.FAIL, e.getMessage());
        } finally {
            broker.close();
        }
    }

    private void gatewayVerdict(String filter, List<GatewaySeen> seen) {
        List<String> online = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (GatewaySeen g : seen) {
            String s = "gateway " + g.gatewayId() + (g.problem() != null ? " " + g.problem()
                    : (g.online() ? " online" : " offline") + since(g.at()));
            (g.online() ? online : other).add(s);
        }
        String which = cfg.gatewayId().map(id -> "gateway " + id).orElse("any gateway of site " + cfg.site());
        if (!online.isEmpty()) {
            List<String> all = new ArrayList<>(online);
            all.addAll(other);
            record("gateway watching", Verdict.PASS, String.join("; ", all));
        } else if (other.isEmpty()) {
            record("gateway watching", Verdict.FAIL, "no gateway status on " + filter + ": " + which
                    + " has never been online on this broker (or this user may not read it); nobody would see this booth's alarms");
        } else {
            record("gateway watching", Verdict.FAIL, String.join("; ", other) + ": no gateway online, nobody would see this booth's alarms");
        }
    }

    private static String since(Instant at) {
        return at == null ? "" : " (since " + Json.format(at) + ")";
    }

    private void section(String title) {
        console.say("");
        console.say("== " + title);
    }

    private void record(String step, Verdict v, String detail) {
        results.add(new StepResult(step, v, detail));
        console.say("  " + v + "  " + step + ": " + detail);
    }

    private void summary(SelftestReport r) {
        section("Summary: site " + cfg.site() + ", booth " + cfg.booth());
        for (StepResult s : r.results()) {
            console.say("  " + Texts.pad(s.verdict().name(), 5) + Texts.pad(s.step(), 20) + s.detail());
        }
        console.say("");
        if (r.passed()) {
            console.say("RESULT: PASS - all " + r.results().size() + " checks passed.");
        } else {
            console.say("RESULT: FAIL - " + r.count(Verdict.FAIL) + " failed, " + r.count(Verdict.SKIP)
                    + " skipped (a skipped check is not a pass), " + r.count(Verdict.PASS) + " passed."
                    + " Do not put this booth in service.");
        }
    }
}
