package org.boothwatch.simulator.scenario;

import java.time.Duration;
import org.boothwatch.contract.AlarmType;

/** One timed step of a scenario; {@code at} is virtual time from the start of the run. */
public sealed interface Step {
    Duration at();

    /** Line number in the scenario file (1-based), for messages. */
    int line();

    record Booth(Duration at, int line, String booth, BoothAction action) implements Step {}

    record GatewayRestart(Duration at, int line) implements Step {}

    record BrokerRestart(Duration at, int line) implements Step {}

    /** Staff acknowledge the booth's active alarm of that type through the gateway's HTTP API. */
    record Ack(Duration at, int line, String booth, AlarmType type) implements Step {}

    /** Staff resolve the booth's active alarm of that type remotely, with a reason. */
    record Resolve(Duration at, int line, String booth, AlarmType type, String reason) implements Step {}

    /** {@code within} is zero when the expectation must hold at {@code at} itself. */
    record Expect(Duration at, int line, String booth, Expectation what, Duration within) implements Step {
        public String describe() {
            String w = within.isZero() ? "" : " within " + Durations.format(within);
            return "line " + line + ": at " + Durations.format(at) + " expect " + booth + " " + what.describe() + w;
        }
    }
}
