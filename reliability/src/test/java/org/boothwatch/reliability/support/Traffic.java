package org.boothwatch.reliability.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;

/** Valid agent payloads of one booth, with a strictly increasing seq across its topics (as an agent sends them). */
public final class Traffic {
    private final String site;
    private final String booth;
    private final String bootId;
    private final AtomicLong seq = new AtomicLong();

    public Traffic(String site, String booth, String bootId) {
        this.site = site;
        this.booth = booth;
        this.bootId = bootId;
    }

    private Envelope env() {
        return Envelope.of(site, booth, bootId, seq.incrementAndGet(), Instant.now());
    }

    public byte[] status(boolean online) {
        return Json.write(new StatusPayload(Json.VERSION, site, booth, bootId, seq.incrementAndGet(), Instant.now(), online, "test",
                Map.of("warnAfterS", 120.0)));
    }

    public byte[] state(List<AlarmInfo> alarms) {
        Envelope e = env();
        return Json.write(new StatePayload(e.v(), site, booth, bootId, e.seq(), e.at(), true, e.at(), e.at(),
                alarms.isEmpty() ? Phase.OCCUPIED : Phase.ALARM, alarms, new Inputs(true, false, false, false),
                new Outputs(alarms.isEmpty() ? Lamp.OFF : Lamp.ON, Buzzer.OFF), List.of(), true));
    }

    public byte[] heartbeat() {
        Envelope e = env();
        return Json.write(new HeartbeatPayload(e.v(), site, booth, bootId, e.seq(), e.at(), 5));
    }

    public AlarmInfo alarm(String id, AlarmType type) {
        return AlarmInfo.raised(id, type, Instant.now());
    }

    public byte[] raised(AlarmInfo a) {
        return Json.write(EventPayload.alarm(env(), EventKind.ALARM_RAISED, a));
    }

    public byte[] resolved(AlarmInfo a) {
        Instant now = Instant.now();
        AlarmInfo r = new AlarmInfo(a.id(), a.type(), a.priority(), a.raisedAt(), a.acknowledgedAt(), now, ResolvedBy.BOOTH_RESET, null, null);
        return Json.write(EventPayload.alarm(env(), EventKind.ALARM_RESOLVED, r));
    }
}
