package org.boothwatch.agent;

import java.util.List;
import java.util.Objects;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.core.BoothStateMachine;
import org.boothwatch.agent.core.MachineEvent;
import org.boothwatch.agent.mqtt.MqttTransport;
import org.boothwatch.agent.mqtt.TransportException;
import org.boothwatch.agent.queue.DiskQueue;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.HeartbeatPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the agent's payloads (bootId, one seq across all topics) and sends them. Events go to the broker
 * directly only while connected and nothing older is waiting; otherwise into the disk queue, which is
 * drained in order on reconnect. Not thread-safe: used under the agent's lock.
 */
final class Publisher {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final AgentConfig cfg;
    private final String bootId;
    private final MqttTransport transport;
    private final DiskQueue queue;
    private final TimeSource time;
    private final String agentVersion;
    private long seq;
    private StatePayload lastState;
    private boolean stateDirty = true;
    private boolean gatewayOnline;
    /** The online status of the last (re)connect was refused (in-flight window full): {@link #drain} sends it. */
    private boolean onlineStatusPending;

    Publisher(AgentConfig cfg, String bootId, MqttTransport transport, DiskQueue queue, TimeSource time) {
        this.cfg = cfg;
        this.bootId = bootId;
        this.transport = transport;
        this.queue = queue;
        this.time = time;
        String v = BoothAgent.class.getPackage().getImplementationVersion();
        this.agentVersion = v == null ? "dev" : v;
    }

    long lastSeq() {
        return seq;
    }

    private Envelope envelope() {
        return Envelope.of(cfg.site(), cfg.booth(), bootId, ++seq, time.now());
    }

    StatusPayload status(boolean online) {
        Envelope e = envelope();
        return new StatusPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), online, agentVersion, cfg.thresholds());
    }

    /** Retained status; false when it could not be handed over. */
    boolean publishStatus(boolean online) {
        return send(Topics.status(cfg.site(), cfg.booth()), Json.write(status(online)), 1, true);
    }

    void event(MachineEvent m) {
        Envelope e = envelope();
        EventPayload p = new EventPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), m.at(), m.kind(),
                m.durationS(), m.alarm(), m.ok(), m.details());
        String topic = Topics.event(cfg.site(), cfg.booth());
        byte[] bytes = Json.write(p);
        if (queue.isEmpty() && send(topic, bytes, 1, false)) {
            log.info("{}/{}: event {} seq={} {}", cfg.site(), cfg.booth(), p.kind(), p.seq(), describe(m));
        } else {
            queue.append(topic, bytes);
            log.warn("{}/{}: event {} seq={} {} queued on disk (broker unreachable, {} waiting)", cfg.site(), cfg.booth(), p.kind(), p.seq(),
                    describe(m), queue.size());
        }
    }

    private static String describe(MachineEvent m) {
        if (m.alarm() != null) {
            return m.alarm().type() + " " + m.alarm().id() + (m.alarm().resolvedBy() != null ? " by " + m.alarm().resolvedBy() : "");
        }
        if (m.durationS() != null) return "after " + m.durationS() + "s";
        if (m.ok() != null) return (m.ok() ? "ok: " : "FAILED: ") + m.details();
        return "";
    }

    /** The retained online status after a (re)connect; false when refused, and then {@link #drain} sends it again. */
    boolean publishOnline() {
        onlineStatusPending = !publishStatus(true);
        return !onlineStatusPending;
    }

    /**
     * Sends a refused online status, then queued events in order while the transport takes them; returns how many
     * events are still waiting.
     */
    int drain() {
        if (onlineStatusPending) onlineStatusPending = !publishStatus(true);
        int sent = 0;
        while (transport.isConnected()) {
            var head = queue.peek();
            if (head.isEmpty()) break;
            if (!send(head.get().topic(), head.get().payload(), 1, false)) break;
            queue.remove(head.get());
            sent++;
        }
        if (sent > 0) log.info("{}/{}: delivered {} queued event(s), {} still waiting", cfg.site(), cfg.booth(), sent, queue.size());
        return queue.size();
    }

    /** Publishes the state when it changed (or after a reconnect). */
    void state(BoothStateMachine m) {
        StatePayload content = new StatePayload(Json.VERSION, cfg.site(), cfg.booth(), bootId, 0, null,
                m.occupied(), m.occupiedSince(), m.lastMotionAt(), m.phase(), List.copyOf(m.activeAlarms()),
                m.inputs(), m.outputs(), m.faults(), gatewayOnline);
        if (!stateDirty && Objects.equals(content, lastState)) return;
        if (!transport.isConnected()) {
            stateDirty = true;
            return;
        }
        Envelope e = envelope();
        StatePayload p = new StatePayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), content.occupied(),
                content.occupiedSince(), content.lastMotionAt(), content.phase(), content.alarms(), content.inputs(),
                content.outputs(), content.faults(), content.gatewayOnline());
        if (send(Topics.state(cfg.site(), cfg.booth()), Json.write(p), 1, true)) {
            lastState = content;
            stateDirty = false;
        } else {
            stateDirty = true;
        }
    }

    void gatewayOnline(boolean anyOnline) {
        this.gatewayOnline = anyOnline;
    }

    void markStateDirty() {
        stateDirty = true;
    }

    StatePayload snapshot(BoothStateMachine m) {
        return new StatePayload(Json.VERSION, cfg.site(), cfg.booth(), bootId, seq, time.now(), m.occupied(),
                m.occupiedSince(), m.lastMotionAt(), m.phase(), List.copyOf(m.activeAlarms()), m.inputs(),
                m.outputs(), m.faults(), gatewayOnline);
    }

    void heartbeat(long uptimeS) {
        if (!transport.isConnected()) return;
        Envelope e = envelope();
        send(Topics.heartbeat(cfg.site(), cfg.booth()),
                Json.write(new HeartbeatPayload(e.v(), e.site(), e.booth(), e.bootId(), e.seq(), e.at(), uptimeS)), 0, false);
    }

    private boolean send(String topic, byte[] payload, int qos, boolean retained) {
        if (!transport.isConnected()) return false;
        try {
            transport.publish(topic, payload, qos, retained);
            return true;
        } catch (TransportException e) {
            log.debug("publish to {} not taken: {}", topic, e.getMessage());
            return false;
        }
    }
}
