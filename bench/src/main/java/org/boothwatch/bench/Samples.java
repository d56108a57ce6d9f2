package org.boothwatch.bench;

import java.time.Instant;
import java.util.List;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.HeartbeatPayload;
import org.boothwatch.contract.Inputs;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.StatePayload;

/** Real payloads (built with the contract types), for the floor's message sizes and the synthetic booths. */
final class Samples {
    private Samples() {}

    static final String BOOT = "0123456789abcdef";

    static byte[] heartbeat(String site, String booth, long seq) {
        return heartbeat(site, booth, BOOT, seq);
    }

    static byte[] heartbeat(String site, String booth, String bootId, long seq) {
        return Json.write(new HeartbeatPayload(Json.VERSION, site, booth, bootId, seq, Instant.now(), 1234));
    }

    static byte[] gatewayStatus(String site) {
        return Json.write(new org.boothwatch.contract.GatewayStatusPayload(Json.VERSION, site, "gw-1", true, Instant.now(), 1));
    }

    static byte[] state(String site, String booth, long seq) {
        Instant now = Instant.now();
        return Json.write(new StatePayload(Json.VERSION, site, booth, BOOT, seq, now, true, now, now, Phase.OCCUPIED,
                List.of(), new Inputs(true, true, false, false), new Outputs(Lamp.OFF, Buzzer.OFF), List.of(), true));
    }

    static byte[] alarmEvent(String site, String booth, String bootId, long seq, String alarmId, boolean resolved) {
        Instant now = Instant.now();
        AlarmInfo a = AlarmInfo.raised(alarmId, AlarmType.PANIC, now);
        if (resolved) a = a.resolve(now, org.boothwatch.contract.ResolvedBy.BOOTH_RESET, null, null);
        return Json.write(EventPayload.alarm(Envelope.of(site, booth, bootId, seq, now),
                resolved ? EventKind.ALARM_RESOLVED : EventKind.ALARM_RAISED, a));
    }
}
