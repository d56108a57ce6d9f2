package org.boothwatch.simulator;

/** A bad command-line option: names the option, the value and what is allowed (exit code 2). */
public final class UsageException extends RuntimeException {
    public UsageException(String option, String value, String allowed) {
        super("option " + option + "='" + value + "' is not allowed: " + allowed);
    }

    public UsageException(String message) {
        super(message);
    }
}
