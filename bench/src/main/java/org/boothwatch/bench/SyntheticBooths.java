package org.boothwatch.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.StatusPayload;

/**
 * Many booths that speak the wire contract without running the agent: one MQTT connection each, birth status,
 * heartbeats, and alarm events at whatever rate the throughput test asks for. Each booth keeps one bootId and
 * one strictly increasing seq, as the contract requires. The connections share the HiveMQ MQTT client's Netty
 * event loop: with Paho (three threads per connection, 3,000 in all) the generator took as much CPU as the
 * gateway it was measuring and starved it on a 2-core machine. Events are QoS 1, as the agents send them.
 */
final class SyntheticBooths implements AutoCloseable {
    static final class Booth {
        final String id;
        final String bootId;
        final Mqtt3AsyncClient client;
        final AtomicLong seq = new AtomicLong();
        final AtomicLong alarms = new AtomicLong();
        volatile String openAlarm;
        /** QoS 1 publishes not yet acknowledged, and those waiting for one to be (guarded by the Booth). */
        int inflight;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        Booth(String id, String bootId, Mqtt3AsyncClient client) {
            this.id = id;
            this.bootId = bootId;
            this.client = client;
        }
    }

    final String site;
    final List<Booth> booths = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();

    SyntheticBooths(String uri, String site, int n) throws Exception {
        this.site = site;
        URI u = URI.create(uri);
        Random rng = new Random(3);
        List<CompletableFuture<?>> connects = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = String.format("b%04d", i);
            byte[] boot = new byte[8];
            rng.nextBytes(boot);
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier("booth-" + site + "-" + id)
                    .serverHost(u.getHost()).serverPort(u.getPort())
                    .addDisconnectedListener(ctx -> {
                        if (!closing) disconnects.incrementAndGet();
                    }).buildAsync();
            // 30 s unless given: -Dbench.boothKeepAliveS=3 is the agents' default, for a broker that stops reading.
            connects.add(c.connectWith().cleanSession(true).keepAlive(Integer.getInteger("bench.boothKeepAliveS", 30)).send());
            booths.add(new Booth(id, HexFormat.of().formatHex(boot), c));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        for (Booth b : booths) {
            StatusPayload s = new StatusPayload(Json.VERSION, site, b.id, b.bootId, b.seq.incrementAndGet(), Instant.now(), true,
                    "bench", Map.of("alarmAfterS", 180.0));
            publish(b, "status", Json.write(s), MqttQos.AT_LEAST_ONCE, true);
        }
    }

    private volatile boolean closing;

    /** Connections lost so far (the broker closed them, e.g. for a missed keepalive): each is a false BOOTH_OFFLINE. */
    long disconnects() {
        return disconnects.get();
    }

    /** Publishes refused by the client so far (a full queue, a lost connection): each is a lost event for the test. */
    long refused() {
        return refused.get();
    }

    void heartbeat(Booth b) {
        if (closing) return;
        publish(b, "heartbeat", Samples.heartbeat(site, b.id, b.bootId, b.seq.incrementAndGet()), MqttQos.AT_MOST_ONCE, false);
    }

    /** Raises a PANIC, or resolves the one open; returns the key the SSE alarm event will carry (id + R/X). */
    String alarmEvent(Booth b, java.util.function.Consumer<String> beforePublish) {
        boolean resolve = b.openAlarm != null;
        String id = resolve ? b.openAlarm : b.bootId + "-" + b.alarms.incrementAndGet();
        byte[] p = Samples.alarmEvent(site, b.id, b.bootId, b.seq.incrementAndGet(), id, resolve);
        b.openAlarm = resolve ? null : id;
        String key = id + (resolve ? "X" : "R");
        beforePublish.accept(key);
        publish(b, "event", p, MqttQos.AT_LEAST_ONCE, false);
        return key;
    }

    /** The agents' window unless {@code -Dbench.inflight=N} (0 = no limit, as before the agents had one). */
    static final int WINDOW = Integer.getInteger("bench.inflight", PahoTransport.MAX_INFLIGHT);

    /**
     * QoS 1 goes out as an agent sends it: at most {@link #WINDOW} unacknowledged per booth, the rest in order as
     * acknowledgements come back (an agent keeps them in its disk queue meanwhile). The time an event waits here
     * is in its latency, as it would be in a booth's.
     */
    private void publish(Booth b, String kind, byte[] payload, MqttQos qos, boolean retain) {
        if (qos == MqttQos.AT_MOST_ONCE) {
            send(b, kind, payload, qos, retain);
            return;
        }
        synchronized (b) {
            if (WINDOW > 0 && b.inflight >= WINDOW) {
                b.waiting.add(() -> send(b, kind, payload, qos, retain));
                return;
            }
            b.inflight++;
        }
        send(b, kind, payload, qos, retain);
    }

    private void send(Booth b, String kind, byte[] payload, MqttQos qos, boolean retain) {
        b.client.publishWith().topic("boothwatch/v1/" + site + "/booth/" + b.id + "/" + kind).qos(qos).retain(retain)
                .payload(payload).send().whenComplete((ack, e) -> {
                    if (e != null && !closing) {
                        refused.incrementAndGet();
                        System.err.println("bench: " + kind + " of " + b.id + " refused: " + e);
                    }
                    if (qos == MqttQos.AT_MOST_ONCE) return;
                    Runnable next;
                    synchronized (b) {
                        next = b.waiting.poll();
                        if (next == null) b.inflight--;
                    }
                    if (next != null) next.run();
                });
    }

    @Override
    public void close() {
        closing = true;
        List<CompletableFuture<?>> done = new ArrayList<>();
        for (Booth b : booths) done.add(b.client.disconnect().exceptionally(e -> null));
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bench: not every synthetic booth disconnected: " + e);
        }
    }
}
