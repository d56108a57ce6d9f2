package org.boothwatch.gateway.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.Phase;

/** A booth as the HTTP API and the display see it (docs/gateway.md); {@code training}: a training site's booth. */
public record BoothView(
        String booth, boolean online, Phase phase, boolean occupied, Instant occupiedSince, Instant lastMotionAt,
        Instant lastSeenAt, String agentVersion, String bootId, Map<String, Object> config, Outputs outputs,
        List<String> faults, List<AlarmView> alarms, TestView lastTest, boolean training) {}
