package org.boothwatch.agent.core;

import java.time.Instant;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.EventKind;

/** An event the state machine emits; the agent adds the envelope (bootId, seq) and publishes it. */
public record MachineEvent(EventKind kind, Instant at, Long durationS, AlarmInfo alarm, Boolean ok, String details) {
    static MachineEvent occupied(Instant at) {
        return new MachineEvent(EventKind.OCCUPIED, at, null, null, null, null);
    }

    static MachineEvent vacated(Instant at, long durationS) {
        return new MachineEvent(EventKind.VACATED, at, durationS, null, null, null);
    }

    static MachineEvent alarm(EventKind kind, Instant at, AlarmInfo alarm) {
        return new MachineEvent(kind, at, null, alarm, null, null);
    }

    static MachineEvent testResult(Instant at, boolean ok, String details) {
        return new MachineEvent(EventKind.TEST_RESULT, at, null, null, ok, details);
    }
}
