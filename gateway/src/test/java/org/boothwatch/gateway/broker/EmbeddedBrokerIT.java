package org.boothwatch.gateway.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {
    @TempDir
    Path dir;

    @Test
    void queuesMoreThanHiveMqsDefaultThousandMessagesForAnOfflineSession() throws Exception {
        int n = 1500; // HiveMQ's default queue holds 1,000 and discards what comes after
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir)) {
            OfflineSession slow = OfflineSession.subscribe(broker.uri(), "slow-gateway");
            publish(broker.uri(), n);
            assertEquals(n, slow.receive(n));
        }
    }

    /**
     * The gateway acknowledges after its commit: on (re)connecting it must get more than HiveMQ's default 50
     * unacknowledged messages, or every store transaction holds at most 50 (see EmbeddedBroker.INFLIGHT_WINDOW).
     * HiveMQ takes a persistent session's messages from its queue a window at a time, the next window on acks.
     */
    @Test
    void sendsAManualAckClientAWholeWindowBeforeAnyAck() throws Exception {
        int n = 300;
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir)) {
            MqttConnectOptions persistent = new MqttConnectOptions();
            persistent.setCleanSession(false);
            MqttClient sub = new MqttClient(broker.uri(), "holds-acks", new MemoryPersistence());
            sub.connect(persistent);
            sub.subscribe("t/booth/+", 1);
            sub.disconnect();
            publish(broker.uri(), n, i -> "t/booth/" + i); // queued for the session; a topic each, as booths
            Set<String> got = ConcurrentHashMap.newKeySet();
            sub.setManualAcks(true); // and never acknowledges
            sub.setCallback(collectInto(got));
            sub.connect(persistent);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= n);
            } catch (ConditionTimeoutException e) {
                // the assertion says how many came
            }
            assertEquals(n, got.size(), "messages delivered with none acknowledged");
            sub.disconnectForcibly(1000);
            sub.close();
        }
    }

    /** One restart for both (a persistent restart takes seconds): retained wills, and a queue in 1 MB Xodus files. */
    @Test
    void keepsRetainedLastWillAndAQueueInSmallXodusFilesAcrossPersistentRestart() throws Exception {
        int n = 3000; // about 1.6 MB of queue entries (payloads are kept elsewhere): more than one 1 MB Xodus file
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort(), dir, true)) {
            assertEquals("1024", Files.readString(dir.resolve("data").resolve(EmbeddedBroker.XODUS_MARKER)).trim());
            MqttClient dying = new MqttClient(broker.uri(), "dying", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setWill("t/status", "{\"online\":false}".getBytes(StandardCharsets.UTF_8), 1, true);
            o.setKeepAliveInterval(1);
            dying.connect(o);
            dying.publish("t/status", "{\"online\":true}".getBytes(StandardCharsets.UTF_8), 1, true);
            // An abrupt close (no DISCONNECT packet) makes the broker publish the will.
            dying.disconnectForcibly(0, 0, false);
            assertEquals("{\"online\":false}", firstRetained(broker.uri(), "t/status"));
            OfflineSession gw = OfflineSession.subscribe(broker.uri(), "offline-gateway");
            publish(broker.uri(), n);

            broker.restart("127.0.0.1");
            assertEquals("{\"online\":false}", firstRetained(broker.uri(), "t/status"));
            List<Long> sizes;
            try (Stream<Path> files = Files.walk(dir.resolve("data/persistence/client_queue"))) {
                sizes = files.filter(f -> f.toString().endsWith(".xd")).map(f -> f.toFile().length()).toList();
            }
            long queued = sizes.stream().mapToLong(Long::longValue).sum();
            assertTrue(queued > 1024 * 1024 + 256 * 1024, "queued bytes in the client queue's Xodus files: " + queued);
            assertTrue(sizes.stream().allMatch(len -> len <= 1024 * 1024), "Xodus file sizes: " + sizes);
            assertEquals(n, gw.receive(n));
        }
    }

    @Test
    void aDataFolderWrittenBeforeTheMarkerKeepsXodusDefaultFileSize() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data/persistence")).getParent();
        assertEquals(EmbeddedBroker.XODUS_OLD_LOG_FILE_KB, EmbeddedBroker.xodusLogFileKb(data));
        assertEquals(EmbeddedBroker.XODUS_OLD_LOG_FILE_KB, EmbeddedBroker.xodusLogFileKb(data)); // recorded, kept
        Files.writeString(data.resolve(EmbeddedBroker.XODUS_MARKER), "lots\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedBroker.xodusLogFileKb(data));
        assertTrue(e.getMessage().contains(EmbeddedBroker.XODUS_MARKER) && e.getMessage().contains("'lots'"), e.getMessage());
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

    /** A persistent session subscribed to t/events at QoS 1, then offline until {@link #receive}. */
    private record OfflineSession(MqttClient client, MqttConnectOptions options) {
        static OfflineSession subscribe(String uri, String clientId) throws Exception {
            MqttConnectOptions persistent = new MqttConnectOptions();
            persistent.setCleanSession(false);
            MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
            c.connect(persistent);
            c.subscribe("t/events", 1);
            c.disconnect();
            return new OfflineSession(c, persistent);
        }

        /** Reconnects and returns how many distinct messages arrived, once {@code n} did or after 30 s. */
        int receive(int n) throws Exception {
            Set<String> got = ConcurrentHashMap.newKeySet();
            client.setCallback(collectInto(got));
            client.connect(options);
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> got.size() >= n);
            } catch (ConditionTimeoutException e) {
                // the assertion on the count says how many came
            }
            client.disconnect();
            client.close();
            return got.size();
        }
    }

    /** Adds each payload that arrives to {@code got}. */
    private static MqttCallback collectInto(Set<String> got) {
        return new MqttCallback() {
            public void connectionLost(Throwable cause) {}

            public void messageArrived(String topic, MqttMessage m) {
                got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            public void deliveryComplete(IMqttDeliveryToken t) {}
        };
    }

    /** Publishes "0" .. "n-1" to t/events at QoS 1 without waiting for each ack, then waits for all of them. */
    private static void publish(String uri, int n) throws Exception {
        publish(uri, n, i -> "t/events");
    }

    private static void publish(String uri, int n, IntFunction<String> topic) throws Exception {
        MqttAsyncClient pub = new MqttAsyncClient(uri, "publisher", new MemoryPersistence());
        MqttConnectOptions fast = new MqttConnectOptions();
        fast.setMaxInflight(n);
        pub.connect(fast).waitForCompletion(10_000);
        List<IMqttDeliveryToken> acks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) acks.add(pub.publish(topic.apply(i), Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false));
        for (IMqttDeliveryToken t : acks) t.waitForCompletion(10_000);
        pub.disconnect().waitForCompletion(10_000);
        pub.close();
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
