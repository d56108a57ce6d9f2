package org.boothwatch.agent.io;

import java.util.Locale;

/** The booth's outputs. */
public enum Output {
    LAMP, BUZZER;

    public String key() { return name().toLowerCase(Locale.ROOT); }
}
