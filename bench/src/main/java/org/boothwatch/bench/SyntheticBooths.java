package org.boothwatch.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.StatusPayload;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Many booths that speak the wire contract without running the agent: one Paho connection each, birth
 * status, heartbeats, and alarm events at whatever rate the throughput test asks for. Each booth keeps
 * one bootId and one strictly increasing seq, as the contract requires.
 */
final class SyntheticBooths implements AutoCloseable {
    static final class Booth {
        final String id;
        final String bootId;
        final MqttAsyncClient client;
        final AtomicLong seq = new AtomicLong();
        final AtomicLong alarms = new AtomicLong();
        volatile String openAlarm;

        Booth(String id, String bootId, MqttAsyncClient client) {
            this.id = id;
            this.bootId = bootId;
            this.client = client;
        }
    }

    final String site;
    final List<Booth> booths = new ArrayList<>();

    SyntheticBooths(String uri, String site, int n) throws MqttException {
        this.site = site;
        Random rng = new Random(3);
        List<IMqttToken> tokens = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = String.format("b%04d", i);
            byte[] boot = new byte[8];
            rng.nextBytes(boot);
            MqttAsyncClient c = new MqttAsyncClient(uri, "booth-" + site + "-" + id, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(1000);
            o.setKeepAliveInterval(30);
            tokens.add(c.connect(o));
            booths.add(new Booth(id, HexFormat.of().formatHex(boot), c));
        }
        for (IMqttToken t : tokens) t.waitForCompletion(60_000);
        for (Booth b : booths) {
            StatusPayload s = new StatusPayload(Json.VERSION, site, b.id, b.bootId, b.seq.incrementAndGet(), Instant.now(), true,
                    "bench", Map.of("alarmAfterS", 180.0));
            b.client.publish("boothwatch/v1/" + site + "/booth/" + b.id + "/status", Json.write(s), 1, true);
        }
    }

    private volatile boolean closing;

    void heartbeat(Booth b) throws MqttException {
        if (closing) return;
        b.client.publish("boothwatch/v1/" + site + "/booth/" + b.id + "/heartbeat",
                Samples.heartbeat(site, b.id, b.bootId, b.seq.incrementAndGet()), 0, false);
    }

    /** Raises a PANIC, or resolves the one open; returns the key the SSE alarm event will carry (id + R/X). */
    String alarmEvent(Booth b, java.util.function.Consumer<String> beforePublish) throws MqttException {
        boolean resolve = b.openAlarm != null;
        String id = resolve ? b.openAlarm : b.bootId + "-" + b.alarms.incrementAndGet();
        byte[] p = Samples.alarmEvent(site, b.id, b.bootId, b.seq.incrementAndGet(), id, resolve);
        b.openAlarm = resolve ? null : id;
        String key = id + (resolve ? "X" : "R");
        beforePublish.accept(key);
        b.client.publish("boothwatch/v1/" + site + "/booth/" + b.id + "/event", p, 1, false);
        return key;
    }

    @Override
    public void close() {
        closing = true;
        for (Booth b : booths) {
            try {
                if (b.client.isConnected()) b.client.disconnect(200);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
        for (Booth b : booths) {
            try {
                b.client.close(true);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
    }
}
