package org.boothwatch.gateway.model;

import java.time.Duration;
import java.time.Instant;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Ids;
import org.boothwatch.contract.Priority;
import org.boothwatch.contract.ResolvedBy;

/** One alarm's live record in the gateway. Mutated only on the gateway's processor thread. */
public final class AlarmRecord {
    public final String id;
    public final String site;
    public final String booth;
    public final AlarmType type;
    public final Priority priority;
    public final Instant raisedAt;
    /** The agent start that raised it; null for the gateway's own BOOTH_OFFLINE. */
    public final String bootId;
    /** Monotonic time the gateway first saw it, and its age at that moment: escalation runs on these. */
    final long firstSeenNanos;
    final Duration ageAtFirstSeen;
    long lastSeq;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant escalatedAt;
    Instant resolvedAt;
    ResolvedBy resolvedBy;
    String resolvedByWho;
    String reason;
    boolean boothReachable = true;
    /** Ids.isTrainingSite(site), once: every view asks, and the check is a regex match. */
    private final boolean training;

    public AlarmRecord(String id, String site, String booth, AlarmType type, Priority priority, Instant raisedAt,
                       String bootId, long lastSeq, long firstSeenNanos, Duration ageAtFirstSeen) {
        this.id = id;
        this.site = site;
        this.booth = booth;
        this.type = type;
        this.priority = priority != null ? priority : type.priority;
        this.raisedAt = raisedAt;
        this.bootId = bootId;
        this.lastSeq = lastSeq;
        this.firstSeenNanos = firstSeenNanos;
        this.ageAtFirstSeen = ageAtFirstSeen;
        this.training = Ids.isTrainingSite(site);
    }

    /** Raised at a training site: a drill, marked as such in every view, event, webhook and log line. */
    public boolean training() { return training; }

    /** Restores a stored record's lifecycle fields (gateway restart). */
    public AlarmRecord restore(Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt, Instant resolvedAt,
                               ResolvedBy resolvedBy, String resolvedByWho, String reason, boolean boothReachable) {
        this.acknowledgedAt = acknowledgedAt;
        this.acknowledgedBy = acknowledgedBy;
        this.escalatedAt = escalatedAt;
        this.resolvedAt = resolvedAt;
        this.resolvedBy = resolvedBy;
        this.resolvedByWho = resolvedByWho;
        this.reason = reason;
        this.boothReachable = boothReachable;
        return this;
    }

    public boolean active() { return resolvedAt == null; }
    public boolean gatewayOwned() { return bootId == null; }
    public long lastSeq() { return lastSeq; }
    public Instant acknowledgedAt() { return acknowledgedAt; }
    public String acknowledgedBy() { return acknowledgedBy; }
    public Instant escalatedAt() { return escalatedAt; }
    public Instant resolvedAt() { return resolvedAt; }
    public ResolvedBy resolvedBy() { return resolvedBy; }
    public String resolvedByWho() { return resolvedByWho; }
    public String reason() { return reason; }
    public boolean boothReachable() { return boothReachable; }

    public AlarmState state() {
        if (resolvedAt != null) return AlarmState.RESOLVED;
        if (acknowledgedAt != null) return AlarmState.ACKNOWLEDGED;
        if (escalatedAt != null) return AlarmState.ESCALATED;
        return AlarmState.RAISED;
    }

    /** Age on the monotonic clock, so a wall-clock step never escalates early or late. */
    Duration age(long nowNanos) {
        return ageAtFirstSeen.plusNanos(Math.max(0, nowNanos - firstSeenNanos));
    }

    public AlarmView view() {
        return new AlarmView(id, site, booth, type, priority, state(), active(), raisedAt, acknowledgedAt, acknowledgedBy,
                escalatedAt != null, escalatedAt, resolvedAt, resolvedBy, resolvedByWho, reason, boothReachable,
                training());
    }

    @Override
    public String toString() {
        return (training() ? "TRAINING " : "") + type + " " + id + " at " + booth + " (" + state() + ")";
    }
}
