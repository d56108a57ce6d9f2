package org.boothwatch.gateway.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.HeartbeatPayload;
import org.boothwatch.contract.Inputs;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.PayloadException;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A booth made of a plain Paho client publishing contract payloads: no agent code involved. */
final class FakeBooth implements AutoCloseable {
    final String site;
    final String booth;
    final String bootId;
    long seq;
    final MqttClient client;
    final BlockingQueue<CommandPayload> commands = new LinkedBlockingQueue<>();

    FakeBooth(String uri, String site, String booth, String bootId) throws Exception {
        this.site = site;
        this.booth = booth;
        this.bootId = bootId;
        client = new MqttClient(uri, "booth-" + site + "-" + booth + "-" + bootId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(30);
        o.setWill(Topics.status(site, booth), Json.write(status(false)), 1, true);
        client.connect(o);
        client.subscribe(Topics.cmd(site, booth), 1, (t, m) -> {
            try {
                commands.add(Payloads.command(m.getPayload()));
            } catch (PayloadException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    Envelope env() {
        return Envelope.of(site, booth, bootId, ++seq, Instant.now());
    }

    StatusPayload status(boolean online) {
        Envelope e = env();
        return new StatusPayload(1, site, booth, bootId, e.seq(), e.at(), online, "test-1", Map.of("warnAfter", "120s"));
    }

    void birth() throws Exception {
        publish(Topics.status(site, booth), Json.write(status(true)), 1, true);
    }

    void state(Phase phase, boolean occupied, List<AlarmInfo> alarms) throws Exception {
        Envelope e = env();
        StatePayload s = new StatePayload(1, site, booth, bootId, e.seq(), e.at(), occupied, occupied ? e.at() : null, e.at(),
                phase, alarms, new Inputs(occupied, false, false, false),
                new Outputs(alarms.isEmpty() ? Lamp.OFF : Lamp.FLASH, alarms.isEmpty() ? Buzzer.OFF : Buzzer.ON), List.of(), true);
        publish(Topics.state(site, booth), Json.write(s), 1, true);
    }

    EventPayload event(EventKind kind, AlarmInfo alarm) throws Exception {
        EventPayload p = EventPayload.alarm(env(), kind, alarm);
        publish(Topics.event(site, booth), Json.write(p), 1, false);
        return p;
    }

    void occupied() throws Exception {
        publish(Topics.event(site, booth), Json.write(EventPayload.occupied(env())), 1, false);
    }

    void vacated(long durationS) throws Exception {
        publish(Topics.event(site, booth), Json.write(EventPayload.vacated(env(), durationS)), 1, false);
    }

    void heartbeat() throws Exception {
        Envelope e = env();
        publish(Topics.heartbeat(site, booth), Json.write(new HeartbeatPayload(1, site, booth, bootId, e.seq(), e.at(), 5)), 0, false);
    }

    AlarmInfo panic() throws Exception {
        AlarmInfo a = AlarmInfo.raised(bootId + "-" + (seq + 1), AlarmType.PANIC, Instant.now());
        event(EventKind.ALARM_RAISED, a);
        state(Phase.ALARM, true, List.of(a));
        return a;
    }

    void raw(String topic, String payload) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    void publish(String topic, byte[] payload, int qos, boolean retained) throws Exception {
        client.publish(topic, payload, qos, retained);
    }

    /** Drops the connection without DISCONNECT: the broker publishes the Last Will. */
    void crash() throws Exception {
        client.disconnectForcibly(0, 0, false);
        client.close();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) client.disconnect();
        client.close();
    }
}
