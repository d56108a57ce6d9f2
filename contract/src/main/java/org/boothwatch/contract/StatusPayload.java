package org.boothwatch.contract;

import java.time.Instant;
import java.util.Map;

/** {@code booth/{booth}/status}: the birth message and, with online=false, the Last Will. */
public record StatusPayload(
        int v, String site, String booth, String bootId, long seq, Instant at,
        boolean online, String agentVersion, Map<String, Object> config) implements AgentPayload {}
