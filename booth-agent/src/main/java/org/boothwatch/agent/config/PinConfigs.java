package org.boothwatch.agent.config;

import java.time.Duration;

/** Wiring of one input or output pin (BCM numbering). */
public final class PinConfigs {
    private PinConfigs() {}

    public enum Pull { UP, DOWN, OFF }

    /** @param activeHigh true when a high level means "active" (occupied, motion, pressed) */
    public record InputPin(int pin, Pull pull, boolean activeHigh, Duration debounce) {}

    /** @param activeHigh true when driving the pin high switches the lamp/buzzer on */
    public record OutputPin(int pin, boolean activeHigh) {}
}
