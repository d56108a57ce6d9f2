package org.boothwatch.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    @TempDir
    Path dir;

    @Test
    void keepsRetainedLastWillAndRetainedMessagesAcrossPersistentRestart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort(), dir, true)) {
            MqttClient dying = new MqttClient(broker.uri(), "dying", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setWill("t/status", "{\"online\":false}".getBytes(StandardCharsets.UTF_8), 1, true);
            o.setKeepAliveInterval(1);
            dying.connect(o);
            dying.publish("t/status", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), 1, true);
            // An abrupt close (no DISCONNECT packet) makes the broker publish the will.
            dying.disconnectForcibly(0, 0, false);

            assertEquals("{\"online\":false}", firstRetained(broker.uri(), "t/status"));
            broker.restart("127.0.0.1");
            assertEquals("{\"online\":false}", firstRetained(broker.uri(), "t/status"));
        }
    }

    private static String firstRetained(String uri, String topic) throws Exception {
        BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
        MqttClient c = new MqttClient(uri, "reader-" + System.nanoTime(), new MemoryPersistence());
        c.connect();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                c.subscribe(topic, 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
                String s = got.poll(1, TimeUnit.SECONDS);
                if (s != null && s.contains("false")) return s;
                c.unsubscribe(topic);
            }
            return got.poll();
        } finally {
            c.disconnect();
            c.close();
        }
    }
}
