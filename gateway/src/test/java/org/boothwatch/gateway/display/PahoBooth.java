package org.boothwatch.gateway.display;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
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

/** A booth as a plain Paho client publishing contract payloads (no agent code), recording its commands. */
final class PahoBooth implements AutoCloseable {
    final String site;
    final String booth;
    final String bootId;
    final String version;
    private long seq;
    private final MqttClient client;
    final BlockingQueue<CommandPayload> commands = new LinkedBlockingQueue<>();
    final BlockingQueue<String> badCommands = new LinkedBlockingQueue<>();

    PahoBooth(String uri, String site, String booth, String version) throws Exception {
        this.site = site;
        this.booth = booth;
        this.bootId = booth + "-" + Long.toHexString(System.nanoTime());
        this.version = version;
        client = new MqttClient(uri, "booth-" + site + "-" + booth, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(2);
        o.setWill(Topics.status(site, booth), Json.write(status(false)), 1, true);
        client.connect(o);
        // Paho's callback thread only parses and queues: it never blocks.
        client.subscribe(Topics.cmd(site, booth), 1, (t, m) -> {
            try {
                commands.add(Payloads.command(m.getPayload()));
            } catch (PayloadException e) {
                badCommands.add(e.getMessage());
            }
        });
        client.publish(Topics.status(site, booth), Json.write(status(true)), 1, true);
    }

    private Envelope env(Instant at) {
        return Envelope.of(site, booth, bootId, ++seq, at);
    }

    private StatusPayload status(boolean online) {
        Envelope e = env(Instant.now());
        return new StatusPayload(Json.VERSION, site, booth, bootId, e.seq(), e.at(), online, version,
                Map.of("warnAfter", "120s", "alarmAfter", "180s"));
    }

    /** Publishes the retained state snapshot. */
    void state(Phase phase, Instant occupiedSince, Instant lastMotionAt, List<AlarmInfo> alarms) throws Exception {
        Envelope e = env(Instant.now());
        boolean occupied = occupiedSince != null;
        boolean unacked = alarms.stream().anyMatch(a -> !a.acknowledged());
        Outputs out = alarms.isEmpty() ? new Outputs(Lamp.OFF, Buzzer.OFF)
                : new Outputs(unacked ? Lamp.FLASH : Lamp.ON, unacked ? Buzzer.ON : Buzzer.OFF);
        StatePayload s = new StatePayload(Json.VERSION, site, booth, bootId, e.seq(), e.at(), occupied, occupiedSince,
                lastMotionAt, phase, alarms, new Inputs(occupied, false, false, false), out, List.of(), true);
        client.publish(Topics.state(site, booth), Json.write(s), 1, true);
    }

    /** An alarm lifecycle event, as the agent sends it (QoS 1, not retained). */
    void event(EventKind kind, AlarmInfo alarm) throws Exception {
        client.publish(Topics.event(site, booth), Json.write(EventPayload.alarm(env(Instant.now()), kind, alarm)), 1, false);
    }

    /** Answers a TEST the way an agent does: a TEST_RESULT event. */
    void testResult(boolean ok, String details) throws Exception {
        client.publish(Topics.event(site, booth), Json.write(EventPayload.testResult(env(Instant.now()), ok, details)), 1, false);
    }

    /** Raises an alarm the way an agent does: the event, then the new state. */
    AlarmInfo raise(AlarmInfo alarm, Phase phase, Instant occupiedSince, Instant lastMotionAt) throws Exception {
        event(EventKind.ALARM_RAISED, alarm);
        state(phase, occupiedSince, lastMotionAt, List.of(alarm));
        return alarm;
    }

    String newAlarmId() {
        return bootId + "-" + (seq + 1);
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
