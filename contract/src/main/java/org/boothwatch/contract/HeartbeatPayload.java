package org.boothwatch.contract;

import java.time.Instant;

/** {@code booth/{booth}/heartbeat}: sent by the sensing loop itself, so it proves that loop is alive. */
public record HeartbeatPayload(
        int v, String site, String booth, String bootId, long seq, Instant at, long uptimeS) implements AgentPayload {}
