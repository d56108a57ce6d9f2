package org.boothwatch.contract;

import java.time.Instant;
import java.util.List;

/** {@code booth/{booth}/state}: the full current snapshot, retained, republished on every change. */
public record StatePayload(
        int v, String site, String booth, String bootId, long seq, Instant at,
        boolean occupied, Instant occupiedSince, Instant lastMotionAt, Phase phase,
        List<AlarmInfo> alarms, Inputs inputs, Outputs outputs, List<String> faults,
        boolean gatewayOnline) implements AgentPayload {}
