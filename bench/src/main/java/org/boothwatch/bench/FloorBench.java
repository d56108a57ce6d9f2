package org.boothwatch.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.contract.MqttSockets;
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
    /**
     * The gateway refreshes its retained status every second and every booth subscribes to it, so the broker
     * delivers one message per booth per refresh (500/s at 500 booths, more than all the booths send), and
     * every booth's client receives and acknowledges it. The floor carries the same: its publishers subscribe,
     * and its subscriber publishes a status-sized retained QoS 0 message at the rate the end-to-end run saw.
     * {@code -Dbench.floorDownstream=false} leaves it out (the floor before this version).
     */
    static final boolean DOWNSTREAM = !"false".equals(System.getProperty("bench.floorDownstream"));

    /**
     * The publishers' keepalive: the agents' default {@code mqtt.keepAlive}, so the floor's connections carry the
     * same PINGREQ/PINGRESP traffic as the agents' (Paho pings when a connection has sent nothing for that long,
     * and the agents' heartbeats are 3 s apart). Paho's default would be 60 s.
     */
    static final int KEEPALIVE_S = Integer.getInteger("bench.floorKeepAliveS", AgentConfig.DEFAULT_KEEPALIVE_S);

    private final Broker broker;
    private final int n;
    private final Map<String, Double> rates;
    private final double statusRate;
    private final long warmupS;
    private final long measureS;
    private volatile long measureFrom = Long.MAX_VALUE;
    private final FanOut fanOut = new FanOut();

    FloorBench(Broker broker, int booths, Map<String, Double> ratePerTopic, double gatewayStatusPerSecond, long warmupS, long measureS) {
        this.broker = broker;
        this.n = booths;
        this.rates = ratePerTopic;
        this.statusRate = DOWNSTREAM ? gatewayStatusPerSecond : 0;
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
            if (NODELAY) o.setSocketFactory(MqttSockets.forUri(broker.uri(), null));
            sub.connect(o).waitForCompletion(10_000);
            String root = "boothwatch/v1/" + site + "/booth/+/";
            sub.subscribe(new String[] {root + "status", root + "state", root + "event", root + "heartbeat"},
                    new int[] {1, 1, 1, 0}).waitForCompletion(10_000);
            List<IMqttToken> connecting = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                MqttAsyncClient c = new MqttAsyncClient(broker.uri(), String.format("floor-%d-b%03d", n, i), new MemoryPersistence());
                MqttConnectOptions po = new MqttConnectOptions();
                po.setCleanSession(true);
                po.setKeepAliveInterval(KEEPALIVE_S);
                po.setMaxInflight(1000);
                if (NODELAY) po.setSocketFactory(MqttSockets.forUri(broker.uri(), null));
                connecting.add(c.connect(po));
                pubs.add(c);
            }
            for (IMqttToken t : connecting) t.waitForCompletion(30_000);
            String statusTopic = "boothwatch/v1/" + site + "/gateway/floor/status";
            if (statusRate > 0) {
                List<IMqttToken> subscribing = new ArrayList<>();
                for (MqttAsyncClient c : pubs) subscribing.add(c.subscribe(statusTopic, 1, (t, m) -> fanOut.arrived(System.nanoTime())));
                for (IMqttToken t : subscribing) t.waitForCompletion(30_000);
            }
            publishLoop(site, pubs, sub, statusTopic, hbSize, stateSize, eventSize, Samples.gatewayStatus(site).length);
            Thread.sleep(2000); // the last messages arrive
            if (statusRate > 0) BenchMain.log("    floor publishers' %s", fanOut.summary(n));
            return stats;
        } finally {
            for (MqttAsyncClient c : pubs) closeQuietly(c);
            closeQuietly(sub);
        }
    }

    private void publishLoop(String site, List<MqttAsyncClient> pubs, MqttAsyncClient gateway, String statusTopic, int hbSize,
                             int stateSize, int eventSize, int statusSize) throws Exception {
        Random rng = new Random(11);
        String[] topics = {"heartbeat", "state", "event", "status"};
        final int refresh = 3; // the gateway's status refresh, from the "gateway" connection to every publisher
        int[] sizes = {hbSize, stateSize, eventSize, statusSize};
        int[] qos = {0, 1, 1, 0}; // the refresh is QoS 0, like the gateway's (docs/protocol.md)
        double[] rate = {rates.getOrDefault("heartbeat", 0.0), rates.getOrDefault("state", 0.0) + rates.getOrDefault("status", 0.0),
                Math.max(0.5, rates.getOrDefault("event", 0.0)), statusRate};
        long start = System.nanoTime();
        long[] next = new long[4];
        for (int k = 0; k < 3; k++) next[k] = start + gap(rng, rate[k]);
        // The gateway's refresh is periodic, not random (its tick): the same here.
        next[refresh] = statusRate > 0 ? start + (long) (1e9 / statusRate) : Long.MAX_VALUE / 4;
        long measureStart = start + TimeUnit.SECONDS.toNanos(warmupS);
        long end = measureStart + TimeUnit.SECONDS.toNanos(measureS);
        while (true) {
            int k = 0;
            for (int j = 1; j < 4; j++) if (next[j] < next[k]) k = j;
            if (next[k] >= end) break;
            long wait = next[k] - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (measureFrom == Long.MAX_VALUE && System.nanoTime() >= measureStart) {
                measureFrom = System.nanoTime();
                fanOut.measureFrom(measureFrom);
            }
            int b = rng.nextInt(pubs.size());
            MqttAsyncClient from = k == refresh ? gateway : pubs.get(b);
            String topic = k == refresh ? statusTopic : String.format("boothwatch/v1/%s/booth/b%03d/%s", site, b + 1, topics[k]);
            ByteBuffer buf = ByteBuffer.allocate(sizes[k]);
            buf.putLong(System.nanoTime());
            MqttMessage m = new MqttMessage(buf.array());
            m.setQos(qos[k]);
            m.setRetained(k == 1 || k == refresh);
            try {
                from.publish(topic, m);
            } catch (Exception e) {
                System.err.println("bench: floor publish refused: " + e.getMessage());
            }
            next[k] += k == refresh ? (long) (1e9 / statusRate) : gap(rng, rate[k]);
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
