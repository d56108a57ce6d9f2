package org.boothwatch.agent.io;

import java.util.Locale;

/** The booth's inputs. */
public enum Input {
    OCCUPANCY, MOTION, PANIC, RESET;

    /** Lower-case name used in config keys and fault strings, e.g. {@code occupancy}. */
    public String key() { return name().toLowerCase(Locale.ROOT); }
}
