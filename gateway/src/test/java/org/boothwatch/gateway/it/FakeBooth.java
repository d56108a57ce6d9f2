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

/**
 * A booth made of a plain Paho client publishing contract payloads (no agent code involved), recording the
 * commands it receives. Shared by the gateway ITs and the display browser ITs.
 */
public final class FakeBooth implements AutoCloseable {
    public final String site;
    public final String booth;
    public final String bootId;
    private final String version;
    private long seq;
    private final MqttClient client;
    public final BlockingQueue<CommandPayload> commands = new LinkedBlockingQueue<>();
    /** Commands that failed to parse: Paho's callback thread only parses and queues, it never blocks or throws. */
    public final BlockingQueue<String> badCommands = new LinkedBlockingQueue<>();

    /** Connected (keepalive 30 s, agent version "test-1"), not yet born: call {@link #birth()}. */
    public FakeBooth(String uri, String site, String booth, String bootId) throws Exception {
        this(uri, site, booth, bootId, "test-1", 30);
    }

    public FakeBooth(String uri, String site, String booth, String bootId, String version, int keepAliveS) throws Exception {
        this.site = site;
        this.booth = booth;
        this.bootId = bootId;
        this.version = version;
        client = new MqttClient(uri, "booth-" + site + "-" + booth + "-" + bootId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(keepAliveS);
        o.setWill(Topics.status(site, booth), Json.write(status(false)), 1, true);
        client.connect(o);
        client.subscribe(Topics.cmd(site, booth), 1, (t, m) -> {
            try {
                commands.add(Payloads.command(m.getPayload()));
            } catch (PayloadException e) {
                badCommands.add(e.getMessage());
            }
        });
    }

    /** Connected with a fresh bootId, keepalive 2 s, and born (online status published). */
    public static FakeBooth born(String uri, String site, String booth, String version) throws Exception {
        FakeBooth b = new FakeBooth(uri, site, booth, booth + "-" + Long.toHexString(System.nanoTime()), version, 2);
        b.birth();
        return b;
    }

    public Envelope env() {
        return Envelope.of(site, booth, bootId, ++seq, Instant.now());
    }

    public StatusPayload status(boolean online) {
        Envelope e = env();
        return new StatusPayload(Json.VERSION, site, booth, bootId, e.seq(), e.at(), online, version,
                Map.of("warnAfter", "120s", "alarmAfter", "180s"));
    }

    /** Publishes the retained online status. */
    public void birth() throws Exception {
        publish(Topics.status(site, booth), Json.write(status(true)), 1, true);
    }

    /** Publishes the retained state snapshot; occupied since and last motion at the message's own time. */
    public void state(Phase phase, boolean occupied, List<AlarmInfo> alarms) throws Exception {
        Envelope e = env();
        state(e, phase, occupied ? e.at() : null, e.at(), alarms);
    }

    /** Publishes the retained state snapshot; occupied while {@code occupiedSince} is not null. */
    public void state(Phase phase, Instant occupiedSince, Instant lastMotionAt, List<AlarmInfo> alarms) throws Exception {
        state(env(), phase, occupiedSince, lastMotionAt, alarms);
    }

    private void state(Envelope e, Phase phase, Instant occupiedSince, Instant lastMotionAt, List<AlarmInfo> alarms)
            throws Exception {
        boolean occupied = occupiedSince != null;
        boolean unacked = alarms.stream().anyMatch(a -> !a.acknowledged());
        Outputs out = alarms.isEmpty() ? new Outputs(Lamp.OFF, Buzzer.OFF)
                : new Outputs(unacked ? Lamp.FLASH : Lamp.ON, unacked ? Buzzer.ON : Buzzer.OFF);
        StatePayload s = new StatePayload(Json.VERSION, site, booth, bootId, e.seq(), e.at(), occupied, occupiedSince,
                lastMotionAt, phase, alarms, new Inputs(occupied, false, false, false), out, List.of(), true);
        publish(Topics.state(site, booth), Json.write(s), 1, true);
    }

    /** An alarm lifecycle event, as the agent sends it (QoS 1, not retained). */
    public EventPayload event(EventKind kind, AlarmInfo alarm) throws Exception {
        EventPayload p = EventPayload.alarm(env(), kind, alarm);
        publish(Topics.event(site, booth), Json.write(p), 1, false);
        return p;
    }

    /** Answers a TEST the way an agent does: a TEST_RESULT event. */
    public void testResult(boolean ok, String details) throws Exception {
        publish(Topics.event(site, booth), Json.write(EventPayload.testResult(env(), ok, details)), 1, false);
    }

    public void occupied() throws Exception {
        publish(Topics.event(site, booth), Json.write(EventPayload.occupied(env())), 1, false);
    }

    public void vacated(long durationS) throws Exception {
        publish(Topics.event(site, booth), Json.write(EventPayload.vacated(env(), durationS)), 1, false);
    }

    public void heartbeat() throws Exception {
        Envelope e = env();
        publish(Topics.heartbeat(site, booth), Json.write(new HeartbeatPayload(1, site, booth, bootId, e.seq(), e.at(), 5)), 0, false);
    }

    /** Raises an alarm the way an agent does: the event, then the new state. */
    public AlarmInfo raise(AlarmInfo alarm, Phase phase, Instant occupiedSince, Instant lastMotionAt) throws Exception {
        event(EventKind.ALARM_RAISED, alarm);
        state(phase, occupiedSince, lastMotionAt, List.of(alarm));
        return alarm;
    }

    /** Raises a PANIC in an occupied booth. */
    public AlarmInfo panic() throws Exception {
        AlarmInfo a = AlarmInfo.raised(newAlarmId(), AlarmType.PANIC, Instant.now());
        event(EventKind.ALARM_RAISED, a);
        state(Phase.ALARM, true, List.of(a));
        return a;
    }

    /** The id an agent would give an alarm raised by the next message. */
    public String newAlarmId() {
        return bootId + "-" + (seq + 1);
    }

    public void raw(String topic, String payload) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained) throws Exception {
        client.publish(topic, payload, qos, retained);
    }

    /** Drops the connection without DISCONNECT: the broker publishes the Last Will. */
    public void crash() throws Exception {
        client.disconnectForcibly(0, 0, false);
        client.close();
    }

    @Override
    public void close() throws Exception {
        if (client.isConnected()) client.disconnect();
        client.close();
    }
}
