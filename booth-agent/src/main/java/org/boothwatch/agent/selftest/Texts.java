package org.boothwatch.agent.selftest;

import java.time.Duration;
import org.boothwatch.agent.config.Durations;
import org.boothwatch.agent.config.PinConfigs.InputPin;
import org.boothwatch.agent.config.PinConfigs.OutputPin;
import org.boothwatch.agent.io.Input;

/** How pins, levels and states are written for the technician. */
final class Texts {
    private Texts() {}

    static String seconds(Duration d) {
        return Durations.format(d);
    }

    /** The electrical level of an input in a given state, e.g. "low" for a pressed active-low button. */
    static String level(InputPin p, boolean active) {
        return active == p.activeHigh() ? "high" : "low";
    }

    static String level(OutputPin p, boolean on) {
        return on == p.activeHigh() ? "high" : "low";
    }

    /** What an input's state means, e.g. "pressed" / "released". */
    static String state(Input in, boolean active) {
        return switch (in) {
            case OCCUPANCY -> active ? "occupied" : "vacant";
            case MOTION -> active ? "motion" : "no motion";
            case PANIC, RESET -> active ? "pressed" : "released";
        };
    }

    static String name(Input in) {
        return switch (in) {
            case OCCUPANCY -> "occupancy sensor";
            case MOTION -> "motion sensor";
            case PANIC -> "panic button";
            case RESET -> "staff reset button";
        };
    }

    /** e.g. "GPIO 22 (pull up, active low)". */
    static String wiring(InputPin p) {
        return "GPIO " + p.pin() + " (pull " + p.pull().name().toLowerCase() + ", active " + (p.activeHigh() ? "high" : "low") + ")";
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
