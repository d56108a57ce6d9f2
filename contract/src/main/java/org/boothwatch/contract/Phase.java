package org.boothwatch.contract;

/** Booth phase in the state payload. */
public enum Phase { VACANT, OCCUPIED, STILL, ALARM }
