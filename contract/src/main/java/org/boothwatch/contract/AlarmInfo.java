package org.boothwatch.contract;

import java.time.Instant;

/**
 * One alarm with its lifecycle times, as carried in state and event payloads.
 * {@code id} is unique per booth agent start ({@code bootId}-prefixed), so it survives reconnects.
 * {@code by} and {@code reason} record who acknowledged/resolved remotely and why (optional fields).
 */
public record AlarmInfo(
        String id,
        AlarmType type,
        Priority priority,
        Instant raisedAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        ResolvedBy resolvedBy,
        String by,
        String reason) {

    public static AlarmInfo raised(String id, AlarmType type, Instant at) {
        return new AlarmInfo(id, type, type.priority, at, null, null, null, null, null);
    }

    public boolean active() { return resolvedAt == null; }

    public boolean acknowledged() { return acknowledgedAt != null; }

    public AlarmInfo acknowledge(Instant at, String who) {
        return new AlarmInfo(id, type, priority, raisedAt, at, resolvedAt, resolvedBy, who, reason);
    }

    public AlarmInfo resolve(Instant at, ResolvedBy how, String who, String why) {
        return new AlarmInfo(id, type, priority, raisedAt, acknowledgedAt, at, how,
                who != null ? who : by, why != null ? why : reason);
    }
}
