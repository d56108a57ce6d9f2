package org.boothwatch.contract;

/** Alarm priority; declared most urgent first, so natural order sorts HIGH before LOW. */
public enum Priority { HIGH, MEDIUM, LOW }
