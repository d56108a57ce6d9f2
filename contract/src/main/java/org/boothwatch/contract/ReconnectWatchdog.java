package org.boothwatch.contract;

import java.time.Duration;

/**
 * Decides when an MQTT client that stays disconnected needs help: Paho 1.2.5's automatic reconnect can go
 * silent for good (seen after SIGSTOP/SIGCONT; reproducible with a broker that accepts TCP but never sends
 * CONNACK: the connect then waits forever). Pure: the caller polls {@link #check} with the connection state
 * and monotonic nanos, and carries out the action. Not thread-safe: poll it from one thread.
 *
 * <p>An outage starts at the first check that sees the client disconnected. After {@code nudgeAfter} (if set)
 * the caller nudges once (asks the client to reconnect now); after {@code replaceAfter} it replaces the client.
 * A replacement starts a new round: the fresh client gets the same time (and its own nudge) before the next.
 */
public final class ReconnectWatchdog {
    /** What the caller should do now. */
    public enum Action {
        NONE,
        /** Ask the existing client to reconnect now. */
        NUDGE,
        /** Close the client for good and connect a new one. */
        REPLACE
    }

    private final long nudgeAfterNanos;
    private final long replaceAfterNanos;
    private boolean disconnected;
    private long outageStart;
    private long roundStart;
    private boolean nudged;
    private int replacements;

    /**
     * @param nudgeAfter   when to nudge within a round, or null for never; shorter than {@code replaceAfter}
     * @param replaceAfter how long a client may stay disconnected before it is replaced
     */
    public ReconnectWatchdog(Duration nudgeAfter, Duration replaceAfter) {
        if (replaceAfter == null || replaceAfter.isNegative() || replaceAfter.isZero()) {
            throw new IllegalArgumentException("replaceAfter must be positive, got " + replaceAfter);
        }
        if (nudgeAfter != null && (nudgeAfter.isNegative() || nudgeAfter.isZero() || nudgeAfter.compareTo(replaceAfter) >= 0)) {
            throw new IllegalArgumentException("nudgeAfter must be positive and shorter than replaceAfter ("
                    + replaceAfter + "), got " + nudgeAfter);
        }
        this.nudgeAfterNanos = nudgeAfter == null ? -1 : nudgeAfter.toNanos();
        this.replaceAfterNanos = replaceAfter.toNanos();
    }

    /**
     * @param now       monotonic nanos ({@link TimeSource#nanos()})
     * @param connected whether the client is connected now
     * @param closing   whether the owner is shutting the connection down on purpose (then nothing is done)
     */
    public Action check(long now, boolean connected, boolean closing) {
        if (connected || closing) {
            disconnected = false;
            replacements = 0;
            return Action.NONE;
        }
        if (!disconnected) {
            disconnected = true;
            outageStart = now;
            startRound(now);
            return Action.NONE;
        }
        long inRound = now - roundStart;
        if (inRound >= replaceAfterNanos) {
            startRound(now); // the fresh client gets its own time before the next replacement
            replacements++;
            return Action.REPLACE;
        }
        if (nudgeAfterNanos >= 0 && !nudged && inRound >= nudgeAfterNanos) {
            nudged = true;
            return Action.NUDGE;
        }
        return Action.NONE;
    }

    private void startRound(long now) {
        roundStart = now;
        nudged = false;
    }

    /** How long the current outage has lasted (0 when connected), for log lines. */
    public Duration outage(long now) {
        return disconnected ? Duration.ofNanos(now - outageStart) : Duration.ZERO;
    }

    /** Replacements in the current outage (0 when connected). */
    public int replacementsInOutage() {
        return replacements;
    }
}
