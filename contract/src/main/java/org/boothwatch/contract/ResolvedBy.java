package org.boothwatch.contract;

public enum ResolvedBy { BOOTH_RESET, MOTION, VACATED, REMOTE, SUPERSEDED, CONDITION_GONE, BOOTH_ONLINE }
