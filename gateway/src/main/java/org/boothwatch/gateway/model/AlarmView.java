package org.boothwatch.gateway.model;

import java.time.Instant;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Priority;
import org.boothwatch.contract.ResolvedBy;

/**
 * An alarm as the HTTP API and the display see it (docs/gateway.md). {@code training}: the site is a training
 * site ({@link org.boothwatch.contract.Ids#isTrainingSite}), so this alarm is a drill.
 */
public record AlarmView(
        String id, String site, String booth, AlarmType type, Priority priority, AlarmState state, boolean active,
        Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy, boolean escalated, Instant escalatedAt,
        Instant resolvedAt, ResolvedBy resolvedBy, String resolvedByWho, String reason, boolean boothReachable,
        boolean training) {}
