package org.boothwatch.simulator.scenario;

import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Phase;

/** What an {@code expect} step asserts about one booth. */
public sealed interface Expectation {
    String describe();

    /** True when the gateway's HTTP API answers it, false when the virtual booth itself does. */
    default boolean atGateway() {
        return this instanceof AlarmIs || this instanceof OnlineIs;
    }

    /** As seen by the gateway (its HTTP API). */
    record AlarmIs(AlarmType type, AlarmState state) implements Expectation {
        public String describe() { return type + " " + state.name().toLowerCase(); }
    }

    /** As seen by the booth agent itself. */
    record PhaseIs(Phase phase) implements Expectation {
        public String describe() { return "phase " + phase; }
    }

    /** The booth's lamp output. */
    record LampIs(Lamp lamp) implements Expectation {
        public String describe() { return "lamp " + lamp.wire(); }
    }

    /** The booth's buzzer output. */
    record BuzzerIs(Buzzer buzzer) implements Expectation {
        public String describe() { return "buzzer " + buzzer.wire(); }
    }

    /** Online status as seen by the gateway. */
    record OnlineIs(boolean online) implements Expectation {
        public String describe() { return online ? "online" : "offline"; }
    }
}
