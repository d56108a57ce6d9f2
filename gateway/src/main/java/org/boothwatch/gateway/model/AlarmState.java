package org.boothwatch.gateway.model;

/** The lifecycle state shown for an alarm; ESCALATED means escalated and not yet acknowledged. */
public enum AlarmState { RAISED, ACKNOWLEDGED, ESCALATED, RESOLVED }
