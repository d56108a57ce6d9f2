package org.boothwatch.agent.core;

import java.util.Collection;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Outputs;

/**
 * Lamp and buzzer patterns (documented in docs/agent.md):
 * <ul>
 *   <li>no alarm about the person: lamp off, buzzer off (during a TEST: lamp flashing for a few seconds,
 *       buzzer one short beep);</li>
 *   <li>an alarm nobody has acknowledged yet: lamp flashing;</li>
 *   <li>every alarm acknowledged: lamp steady on ("help is coming");</li>
 *   <li>an alarm while nobody is watching (broker unreachable or every gateway offline):
 *       lamp flashing and buzzer on, whatever the acknowledgements (local annunciation).</li>
 * </ul>
 * SENSOR_FAULT is for staff and technicians and never drives the booth's lamp or buzzer.
 */
public final class OutputPolicy {
    public static final Outputs QUIET = new Outputs(Lamp.OFF, Buzzer.OFF);

    private OutputPolicy() {}

    public static boolean concernsPerson(AlarmInfo a) {
        return a.type() != AlarmType.SENSOR_FAULT;
    }

    public static Outputs outputs(Collection<AlarmInfo> active, boolean watched, boolean testFlash, boolean testBeep) {
        boolean any = false;
        boolean unacknowledged = false;
        for (AlarmInfo a : active) {
            if (!concernsPerson(a)) continue;
            any = true;
            if (!a.acknowledged()) unacknowledged = true;
        }
        if (!any) return new Outputs(testFlash ? Lamp.FLASH : Lamp.OFF, testBeep ? Buzzer.ON : Buzzer.OFF);
        if (!watched) return new Outputs(Lamp.FLASH, Buzzer.ON);
        return new Outputs(unacknowledged ? Lamp.FLASH : Lamp.ON, Buzzer.OFF);
    }
}
