package org.boothwatch.agent.core;

/** What became of an ACKNOWLEDGE or RESOLVE command. Anything but APPLIED changes nothing. */
public enum CommandResult {
    APPLIED, UNKNOWN_ALARM, ALREADY_RESOLVED, ALREADY_ACKNOWLEDGED, REASON_REQUIRED
}
