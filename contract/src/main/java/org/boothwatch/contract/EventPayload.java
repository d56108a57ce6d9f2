package org.boothwatch.contract;

import java.time.Instant;

/**
 * {@code booth/{booth}/event}: occupancy and alarm lifecycle events, exactly once per (bootId, seq).
 * Fields beyond the envelope depend on {@code kind}: durationS (VACATED), alarm (ALARM_*),
 * ok and details (TEST_RESULT).
 */
public record EventPayload(
        int v, String site, String booth, String bootId, long seq, Instant at,
        EventKind kind, Long durationS, AlarmInfo alarm, Boolean ok, String details) implements AgentPayload {

    public static EventPayload occupied(Envelope e) {
        return new EventPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), EventKind.OCCUPIED, null, null, null, null);
    }

    public static EventPayload vacated(Envelope e, long durationS) {
        return new EventPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), EventKind.VACATED, durationS, null, null, null);
    }

    public static EventPayload alarm(Envelope e, EventKind kind, AlarmInfo alarm) {
        return new EventPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), kind, null, alarm, null, null);
    }

    public static EventPayload testResult(Envelope e, boolean ok, String details) {
        return new EventPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), EventKind.TEST_RESULT, null, null, ok, details);
    }
}
