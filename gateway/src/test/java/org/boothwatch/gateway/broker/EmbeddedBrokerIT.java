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

    @Test
    void queuesMoreThanHiveMqsDefaultThousandMessagesForAnOfflineSession() throws Exception {
        int n = 1500; // HiveMQ's default queue holds 1,000 and discards what comes after
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir)) {
            MqttConnectOptions persistent = new MqttConnectOptions();
            persistent.setCleanSession(false);
            MqttClient slow = new MqttClient(broker.uri(), "slow-gateway", new MemoryPersistence());
            slow.connect(persistent);
            slow.subscribe("t/events", 1);
            slow.disconnect();
            MqttClient pub = new MqttClient(broker.uri(), "publisher", new MemoryPersistence());
            MqttConnectOptions fast = new MqttConnectOptions();
            fast.setMaxInflight(n);
            pub.connect(fast);
            for (int i = 0; i < n; i++) pub.publish("t/events", ("" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            pub.disconnect();
            pub.close();

            java.util.Set<String> got = java.util.concurrent.ConcurrentHashMap.newKeySet();
            slow.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                public void connectionLost(Throwable cause) {}

                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
                }

                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {}
            });
            slow.connect(persistent);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> got.size() == n);
            slow.disconnect();
            slow.close();
        }
    }

    @Test
    void aSecondBrokerInTheSameJvmIsRefusedWhileOneRuns() throws Exception {
        // HiveMQ CE's payload ids are one static counter that a starting broker resets: two at once mix up payloads.
        try (EmbeddedBroker first = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort(), dir.resolve("first"), true)) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.startOnFreePort(dir.resolve("second")));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("already running in this JVM (port " + first.port()),
                    e.getMessage());
            first.restart("127.0.0.1"); // its own restart is not a second broker
            assertEquals("{\"ok\":1}", publishAndReadRetained(first.uri()));
        }
        try (EmbeddedBroker next = EmbeddedBroker.startOnFreePort(dir.resolve("second"))) { // after close, one may start
            assertEquals("{\"ok\":1}", publishAndReadRetained(next.uri()));
        }
    }

    private static String publishAndReadRetained(String uri) throws Exception {
        MqttClient pub = new MqttClient(uri, "pub-" + System.nanoTime(), new MemoryPersistence());
        pub.connect();
        pub.publish("t/ok", "{\"ok\":1}".getBytes(StandardCharsets.UTF_8), 1, true);
        pub.disconnect();
        pub.close();
        BlockingQueue<String> got = new ArrayBlockingQueue<>(10);
        MqttClient c = new MqttClient(uri, "reader-" + System.nanoTime(), new MemoryPersistence());
        c.connect();
        try {
            c.subscribe("t/ok", 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            return got.poll(10, TimeUnit.SECONDS);
        } finally {
            c.disconnect();
            c.close();
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
