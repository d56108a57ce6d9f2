package org.boothwatch.simulator;

import java.time.Duration;
import org.boothwatch.simulator.run.RunResult;
import org.boothwatch.simulator.run.ScenarioRunner;
import org.boothwatch.simulator.scenario.Scenario;

/** Runs one scenario file and prints the result: exit 0 when every expectation held, else 1. */
final class ScenarioMode {
    private final Launcher l;
    private final Scenario scenario;
    private final SimulatorOptions o;

    ScenarioMode(Launcher l, Scenario scenario, SimulatorOptions o) {
        this.l = l;
        this.scenario = scenario;
        this.o = o;
    }

    int run() throws InterruptedException {
        System.out.println("scenario " + scenario.name() + ": " + scenario.booths().size() + " booth(s), "
                + scenario.steps().size() + " steps, virtual time " + o.speed() + "x, gateway " + l.gateway.base());
        if (!l.awaitAllOnline(Duration.ofSeconds(30))) {
            System.out.println(scenario.name() + ": FAILED before the first step: not every booth came online at the gateway within 30 s");
            return 1;
        }
        Thread.sleep(1_000); // let the freshly started JVM warm up before virtual time starts to count
        RunResult r = new ScenarioRunner(scenario, l.booths, l.siteControl(), l.gateway, l.time, System.out).run();
        System.out.println(r.summary());
        return r.ok() ? 0 : 1;
    }
}
