package org.boothwatch.contract;

import java.time.Instant;

/** The envelope every agent payload carries (CONTRACT §4). */
public interface AgentPayload {
    int v();
    String site();
    String booth();
    String bootId();
    long seq();
    Instant at();
}
