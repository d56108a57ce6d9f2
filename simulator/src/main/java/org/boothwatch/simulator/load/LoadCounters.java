package org.boothwatch.simulator.load;

import java.util.concurrent.atomic.AtomicLong;

/** What the load run has done so far; printed periodically and at the end. */
public final class LoadCounters {
    public final AtomicLong sessionsStarted = new AtomicLong();
    public final AtomicLong sessionsEnded = new AtomicLong();
    public final AtomicLong motionPulses = new AtomicLong();
    public final AtomicLong longPauses = new AtomicLong();
    public final AtomicLong overdoses = new AtomicLong();
    public final AtomicLong panics = new AtomicLong();
    public final AtomicLong resets = new AtomicLong();
    public final AtomicLong netCuts = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();

    public String line() {
        return "sessions " + sessionsStarted + " started / " + sessionsEnded + " ended, motion pulses " + motionPulses
                + ", long pauses planned " + longPauses + ", overdoses planned " + overdoses + ", panics " + panics
                + ", staff resets " + resets + ", network cuts " + netCuts + ", errors " + errors;
    }
}
