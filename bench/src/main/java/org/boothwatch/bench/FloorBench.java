package org.boothwatch.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.boothwatch.contract.NoDelaySockets;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The floor: plain Paho publishers (one connection per booth) -> the same broker -> one plain Paho
 * subscriber on the gateway's four topic filters, with the message sizes of the real payloads and the
 * per-topic rates the end-to-end run measured at the gateway. Every event-topic message carries its
 * System.nanoTime() send time in its first 8 bytes; the subscriber, in the same JVM, measures on arrival.
 */
final class FloorBench {
    /**
     * TCP_NODELAY on the floor's Paho sockets (and {@code set_tcp_nodelay} in the bench's Mosquitto), as the
     * product's own connections. {@code -Dbench.nodelay=false} turns it off for the floor and Mosquitto only,
     * to see the old Nagle + delayed-ACK stalls (about 40 ms on Linux).
     */
    static final boolean NODELAY = !"false".equals(System.getProperty("bench.nodelay"));
    /**
     * The floor's subscriber holds a persistent session (clean session false), as the gateway must so that
     * nothing published while it is away is lost: a broker may do real work per message for such a session
     * (HiveMQ CE writes each QoS 1 message to its on-disk client queue), and that belongs to the floor.
     * {@code -Dbench.floorSession=clean} measures the cheaper clean-session path instead.
     */
    static final boolean PERSISTENT = !"clean".equals(System.getProperty("bench.floorSession", "persistent"));

    private final Broker broker;
    private final int n;
    private final Map<String, Double> rates;
    private final long warmupS;
    private final long measureS;
    private volatile long measureFrom = Long.MAX_VALUE;

    FloorBench(Broker broker, int booths, Map<String, Double> ratePerTopic, long warmupS, long measureS) {
        this.broker = broker;
        this.n = booths;
        this.rates = ratePerTopic;
        this.warmupS = warmupS;
        this.measureS = measureS;
    }

    Stats run() throws Exception {
        String site = "floor-" + n;
        Stats stats = new Stats("floor " + broker.name() + " " + n);
        int hbSize = Samples.heartbeat(site, "b001", 1).length;
        int stateSize = Samples.state(site, "b001", 1).length;
        int eventSize = Samples.alarmEvent(site, "b001", Samples.BOOT, 1, Samples.BOOT + "-1", false).length;
        // A new id per run: a persistent session that starts empty.
        MqttAsyncClient sub = new MqttAsyncClient(broker.uri(), "floor-sub-" + n + "-" + Long.toHexString(System.nanoTime()),
                new MemoryPersistence());
        List<MqttAsyncClient> pubs = new ArrayList<>();
        try {
            sub.setCallback(new MqttCallback() {
                public void connectionLost(Throwable cause) {
                    System.err.println("bench: floor subscriber lost its connection: " + cause);
                }

                public void messageArrived(String topic, MqttMessage m) {
                    long now = System.nanoTime();
                    if (!topic.endsWith("/event")) return;
                    long sent = ByteBuffer.wrap(m.getPayload()).getLong();
                    if (sent >= measureFrom) stats.recordNanos(now - sent);
                }

                public void deliveryComplete(IMqttDeliveryToken token) { }
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(!PERSISTENT);
            o.setMaxInflight(1000);
            if (NODELAY) o.setSocketFactory(NoDelaySockets.forUri(broker.uri(), null));
            sub.connect(o).waitForCompletion(10_000);
            String root = "boothwatch/v1/" + site + "/booth/+/";
            sub.subscribe(new String[] {root + "status", root + "state", root + "event", root + "heartbeat"},
                    new int[] {1, 1, 1, 0}).waitForCompletion(10_000);
            List<IMqttToken> connecting = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                MqttAsyncClient c = new MqttAsyncClient(broker.uri(), String.format("floor-%d-b%03d", n, i), new MemoryPersistence());
                MqttConnectOptions po = new MqttConnectOptions();
                po.setCleanSession(true);
                po.setMaxInflight(1000);
                if (NODELAY) po.setSocketFactory(NoDelaySockets.forUri(broker.uri(), null));
                connecting.add(c.connect(po));
                pubs.add(c);
            }
            for (IMqttToken t : connecting) t.waitForCompletion(30_000);
            publishLoop(site, pubs, hbSize, stateSize, eventSize);
            Thread.sleep(2000); // the last messages arrive
            return stats;
        } finally {
            for (MqttAsyncClient c : pubs) closeQuietly(c);
            closeQuietly(sub);
        }
    }

    private void publishLoop(String site, List<MqttAsyncClient> pubs, int hbSize, int stateSize, int eventSize) throws Exception {
        Random rng = new Random(11);
        String[] topics = {"heartbeat", "state", "event"};
        int[] sizes = {hbSize, stateSize, eventSize};
        int[] qos = {0, 1, 1};
        double[] rate = {rates.getOrDefault("heartbeat", 0.0), rates.getOrDefault("state", 0.0) + rates.getOrDefault("status", 0.0),
                Math.max(0.5, rates.getOrDefault("event", 0.0))};
        long start = System.nanoTime();
        long[] next = new long[3];
        for (int k = 0; k < 3; k++) next[k] = start + gap(rng, rate[k]);
        long measureStart = start + TimeUnit.SECONDS.toNanos(warmupS);
        long end = measureStart + TimeUnit.SECONDS.toNanos(measureS);
        while (true) {
            int k = 0;
            for (int j = 1; j < 3; j++) if (next[j] < next[k]) k = j;
            if (next[k] >= end) break;
            long wait = next[k] - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (measureFrom == Long.MAX_VALUE && System.nanoTime() >= measureStart) measureFrom = System.nanoTime();
            int b = rng.nextInt(pubs.size());
            String topic = String.format("boothwatch/v1/%s/booth/b%03d/%s", site, b + 1, topics[k]);
            ByteBuffer buf = ByteBuffer.allocate(sizes[k]);
            buf.putLong(System.nanoTime());
            MqttMessage m = new MqttMessage(buf.array());
            m.setQos(qos[k]);
            m.setRetained(k == 1);
            try {
                pubs.get(b).publish(topic, m);
            } catch (Exception e) {
                System.err.println("bench: floor publish refused: " + e.getMessage());
            }
            next[k] += gap(rng, rate[k]);
        }
    }

    private static long gap(Random rng, double perSecond) {
        if (perSecond <= 0) return Long.MAX_VALUE / 4;
        return (long) (-1e9 / perSecond * Math.log(1 - rng.nextDouble()));
    }

    private static void closeQuietly(MqttAsyncClient c) {
        try {
            if (c.isConnected()) c.disconnect(500).waitForCompletion(2000);
            c.close();
        } catch (Exception ignored) {
            // the run is over
        }
    }
}
