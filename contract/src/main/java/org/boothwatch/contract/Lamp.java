package org.boothwatch.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Booth lamp output: off; on (steady: help is coming); flash (alarm, nobody has answered yet). */
public enum Lamp {
    OFF, ON, FLASH;

    @JsonValue
    public String wire() { return name().toLowerCase(); }

    @JsonCreator
    public static Lamp of(String s) { return valueOf(s.toUpperCase()); }
}
