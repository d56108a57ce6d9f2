package org.boothwatch.contract;

public enum EventKind { OCCUPIED, VACATED, ALARM_RAISED, ALARM_ACKNOWLEDGED, ALARM_RESOLVED, TEST_RESULT }
