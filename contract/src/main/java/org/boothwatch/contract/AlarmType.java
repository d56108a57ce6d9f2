package org.boothwatch.contract;

/** Alarm types of CONTRACT §5 with their fixed priority. */
public enum AlarmType {
    PANIC(Priority.HIGH, true),
    INACTIVITY(Priority.HIGH, true),
    STILLNESS(Priority.MEDIUM, false),
    LONG_OCCUPANCY(Priority.MEDIUM, false),
    SENSOR_FAULT(Priority.LOW, false),
    BOOTH_OFFLINE(Priority.MEDIUM, false);

    public final Priority priority;
    /** Latched alarms end only by a reset at the booth or an explicit, logged RESOLVE. */
    public final boolean latched;

    AlarmType(Priority priority, boolean latched) {
        this.priority = priority;
        this.latched = latched;
    }
}
