package org.boothwatch.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Booth buzzer output: on means sounding (its pattern is the agent's business), off silent. */
public enum Buzzer {
    OFF, ON;

    @JsonValue
    public String wire() { return name().toLowerCase(); }

    @JsonCreator
    public static Buzzer of(String s) { return valueOf(s.toUpperCase()); }
}
