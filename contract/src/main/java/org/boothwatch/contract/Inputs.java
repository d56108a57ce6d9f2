package org.boothwatch.contract;

/** Input levels as booleans, active = true, after the configured active level is applied. */
public record Inputs(boolean occupancy, boolean motion, boolean panic, boolean reset) {}
