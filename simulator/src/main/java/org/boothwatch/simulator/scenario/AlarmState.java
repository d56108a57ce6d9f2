package org.boothwatch.simulator.scenario;

/** The alarm states an {@code expect} can ask the gateway about. */
public enum AlarmState {
    /** an alarm of that type is active (not resolved), acknowledged or not */
    RAISED,
    /** an active alarm of that type has been acknowledged */
    ACKNOWLEDGED,
    /** the latest alarm of that type is resolved and none is active */
    RESOLVED,
    /** no alarm of that type is active */
    ABSENT
}
