package org.boothwatch.gateway.model;

import java.time.Duration;
import java.time.Instant;
import org.boothwatch.contract.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an unacknowledged alarm escalates: {@code escalateAfter} after it was raised, counted on the monotonic
 * clock from when the gateway first saw it plus its age then, so a wall-clock step never escalates early or late.
 * Part of {@link SiteModel}; same thread.
 */
final class Escalation {
    /** Logs as SiteModel, whose part this is: the log lines read as they always did. */
    private static final Logger log = LoggerFactory.getLogger(SiteModel.class);

    private final TimeSource time;
    private final Duration escalateAfter;

    Escalation(TimeSource time, Duration escalateAfter) {
        this.time = time;
        this.escalateAfter = escalateAfter;
    }

    /** The age of an alarm raised at {@code raisedAt} and first seen now: never negative, at most escalateAfter. */
    Duration ageNow(Instant raisedAt) {
        Duration age = Duration.between(raisedAt, time.now());
        if (age.isNegative()) age = Duration.ZERO;
        if (age.compareTo(escalateAfter) > 0) age = escalateAfter;
        return age;
    }

    /** Escalates, once, an active alarm that nobody acknowledged within escalateAfter. */
    void check(AlarmRecord a, long nowNanos, Changes c) {
        if (a.active() && a.acknowledgedAt == null && a.escalatedAt == null && a.age(nowNanos).compareTo(escalateAfter) >= 0) {
            a.escalatedAt = time.now();
            log.warn("alarm {} ESCALATED: not acknowledged within {}", a, escalateAfter);
            c.escalated.add(a);
            c.alarm(a);
        }
    }
}
