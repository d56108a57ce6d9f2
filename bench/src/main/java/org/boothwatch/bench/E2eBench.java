package org.boothwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.BoothAgent;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.MqttSockets;
import org.boothwatch.contract.TimeSource;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * End to end: a PANIC edge on a virtual booth's simulated GPIO (real BoothAgent, real PahoTransport)
 * -> broker -> the real gateway as a site runs it (its jar in its own process with the systemd unit's flags,
 * SQLite store; the embedded broker inside it) -> the {@code alarm} event read by an SSE client of
 * /api/stream. The edge time is System.nanoTime() just before the input changes; this JVM reads
 * the SSE, so both ends use one clock. Background traffic from {@link Traffic} and the agents' heartbeats.
 */
final class E2eBench {
    /** The site of the e2e runs' gateway. */
    static final String SITE = "e2e";
    /**
     * {@code agentPart}: PANIC edge until the agent handed the ALARM_RAISED event to Paho; {@code brokerPart}: from
     * there until the tap had it; {@code gatewayPart}: from the tap to the SSE event (gateway, display stream).
     * Together they locate the gap to the floor.
     */
    record Result(String broker, int booths, Stats latency, long panics, long lost, double seconds,
                  Map<String, Double> ratePerTopic, double gatewayStatusPerSecond, Stats agentPart,
                  Stats brokerPart, Stats gatewayPart) {}

    private final Broker broker;
    private final GatewayProcess gateway;
    private final int n;
    private final Path dir;
    private final double panicRate;
    private final long warmupS;
    private final long measureS;

    private final Map<String, SimulatedBoothIo> ios = new ConcurrentHashMap<>();
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    /** When each booth's latest ALARM_RAISED was handed to Paho (System.nanoTime). */
    private final Map<String, Long> handedAt = new ConcurrentHashMap<>();
    /** When a side subscriber (the tap) got each booth's latest ALARM_RAISED PANIC from the broker. */
    private final Map<String, Long> tappedAt = new ConcurrentHashMap<>();
    /** Per measured alarm: edge, handed to Paho, at the tap, on the SSE (nanoTime), for the trace file. */
    private final Queue<long[]> trace = new ConcurrentLinkedQueue<>();
    /**
     * Every agent publish in the run and every gateway status refresh at the tap: (nanoTime, index in KINDS, or
     * KINDS.size() for a refresh), to see how traffic bunches up in time.
     */
    private final Queue<long[]> publishes = new ConcurrentLinkedQueue<>();
    private final Stats agentPart = new Stats("edge -> handed to Paho");
    private final Stats brokerPart = new Stats("handed to Paho -> at the tap");
    private final Stats gatewayPart = new Stats("at the tap -> SSE");
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Set<String> seenAlarms = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService inputs = Executors.newScheduledThreadPool(2, daemon("bench-inputs"));
    private volatile long measureFrom = Long.MAX_VALUE;
    /** When each agent's handler got each gateway status refresh. */
    private final FanOut fanOut = new FanOut();
    /** Alarms raised before this run began are an earlier run's (the gateway serves them one after another). */
    private volatile Instant since = Instant.MAX;
    private volatile long panics;
    private final Map<String, java.util.concurrent.atomic.LongAdder> sent = CountingTransport.newCounts();

    /** {@code gateway}: the site's gateway process, connected to {@code broker}; it serves runs one after another. */
    E2eBench(Broker broker, GatewayProcess gateway, int booths, Path dir, double panicRate, long warmupS, long measureS) {
        this.broker = broker;
        this.gateway = gateway;
        this.n = booths;
        this.dir = dir;
        this.panicRate = panicRate;
        this.warmupS = warmupS;
        this.measureS = measureS;
    }

    Result run() throws Exception {
        Files2.fresh(dir);
        since = Instant.now();
        Stats stats = new Stats("e2e " + broker.name() + " " + n);
        ScheduledExecutorService agentsPool = Executors.newScheduledThreadPool(4, daemon("booth-agent"));
        List<BoothAgent> agents = new ArrayList<>();
        MqttAsyncClient tap = tap(SITE);
        try {
            for (int i = 1; i <= n; i++) {
                String id = String.format("b%03d", i);
                Properties p = new Properties();
                p.setProperty("site", SITE);
                p.setProperty("booth", id);
                p.setProperty("mqtt.uri", broker.uri());
                p.setProperty("gpio.provider", "mock");
                p.setProperty("queue.dir", dir.resolve("agents").resolve(id).toString());
                AgentConfig cfg = AgentConfig.fromProperties(p);
                SimulatedBoothIo io = new SimulatedBoothIo();
                PahoTransport transport = PahoTransport.forAgent(cfg); // TCP_NODELAY since the fix of issue 6
                BoothAgent a = new BoothAgent(cfg, io, new CountingTransport(transport, sent, this::published, fanOut),
                        TimeSource.SYSTEM, agentsPool);
                a.start();
                agents.add(a);
                ios.put(id, io);
            }
            Api api = new Api(gateway.httpPort);
            if (!api.awaitOnline(n, 60 + n / 5)) throw new IllegalStateException("not all " + n + " booths online at the gateway");
            try (SseStream sse = new SseStream(gateway.httpPort, (ev, data, at) -> onSse(ev, data, at, stats))) {
                if (!sse.awaitSnapshot(10)) throw new IllegalStateException("no SSE snapshot within 10 s");
                Traffic traffic = new Traffic(new ArrayList<>(ios.values()), inputs, 42);
                traffic.start();
                long start = System.nanoTime();
                long measureStart = start + TimeUnit.SECONDS.toNanos(warmupS);
                long end = measureStart + TimeUnit.SECONDS.toNanos(measureS);
                Map<String, Long> before = null;
                long receivedBefore = 0;
                long panicsAtStart = 0;
                Random rng = new Random(7);
                List<String> ids = new ArrayList<>(ios.keySet());
                while (System.nanoTime() < end) {
                    if (before == null && System.nanoTime() >= measureStart) {
                        before = CountingTransport.snapshot(sent);
                        receivedBefore = gateway.received();
                        measureFrom = System.nanoTime();
                        fanOut.measureFrom(measureFrom);
                        panicsAtStart = panics;
                    }
                    long sleepMs = (long) Math.min(5000, -1000 / panicRate * Math.log(1 - rng.nextDouble()));
                    Thread.sleep(Math.max(1, sleepMs));
                    inject(ids, rng);
                }
                if (before == null) throw new IllegalStateException("measurement window never started");
                Map<String, Long> after = CountingTransport.snapshot(sent);
                long measured = panics - panicsAtStart;
                double secs = (System.nanoTime() - measureFrom) / 1e9;
                double gatewayStatusRate = refreshes(measureFrom, System.nanoTime()).size() / secs;
                traffic.stop();
                long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!pending.isEmpty() && System.nanoTime() < waitEnd) Thread.sleep(50);
                long lost = pending.values().stream().filter(t -> t >= measureFrom).count();
                Map<String, Double> rates = new java.util.TreeMap<>();
                long sentTotal = 0;
                for (String t : List.of("status", "state", "event", "heartbeat")) {
                    long d = after.getOrDefault(t, 0L) - before.getOrDefault(t, 0L);
                    sentTotal += d;
                    rates.put(t, d / secs);
                }
                Thread.sleep(1000);
                long received = gateway.received() - receivedBefore;
                if (received < sentTotal) {
                    System.err.printf("bench: the gateway received %d of the %d messages sent in the window%n", received, sentTotal);
                }
                long rejected = gateway.rejected();
                if (rejected > 0) System.err.println("bench: the gateway rejected " + rejected + " payload(s)");
                writeTrace();
                return new Result(broker.name(), n, stats, measured, lost, secs, rates, gatewayStatusRate, agentPart,
                        brokerPart, gatewayPart);
            }
        } finally {
            ExecutorService stopper = Executors.newFixedThreadPool(16);
            for (BoothAgent a : agents) stopper.execute(a::stop);
            stopper.shutdown();
            stopper.awaitTermination(60, TimeUnit.SECONDS);
            try {
                tap.disconnectForcibly(1000);
                tap.close();
            } catch (Exception e) {
                System.err.println("bench: closing the tap: " + e);
            }
            agentsPool.shutdownNow();
            inputs.shutdownNow();
        }
    }

    private void published(String topic, byte[] payload, long nanos) {
        publishes.add(new long[] {nanos, KINDS.indexOf(topic.substring(topic.lastIndexOf('/') + 1))});
        String booth = panicRaisedAt(topic, payload);
        if (booth != null) handedAt.put(booth, nanos);
    }

    /** The booth whose PANIC ALARM_RAISED event this is, or null for any other message. */
    private static String panicRaisedAt(String topic, byte[] payload) {
        if (!topic.endsWith("/event")) return null;
        String s = new String(payload, StandardCharsets.UTF_8);
        if (!s.contains("ALARM_RAISED") || !s.contains("PANIC")) return null;
        String[] parts = topic.split("/");
        return parts[parts.length - 2];
    }

    private void inject(List<String> ids, Random rng) {
        for (int tries = 0; tries < 20; tries++) {
            String id = ids.get(rng.nextInt(ids.size()));
            if (!busy.add(id)) continue;
            SimulatedBoothIo io = ios.get(id);
            long t0 = System.nanoTime();
            pending.put(id, t0);
            io.setPanic(true);
            panics++;
            inputs.schedule(() -> io.setPanic(false), 100, TimeUnit.MILLISECONDS);
            return;
        }
    }

    private void onSse(String event, String data, long at, Stats stats) {
        if (!event.equals("alarm")) return;
        JsonNode a;
        try {
            a = Api.JSON.readTree(data);
        } catch (Exception e) {
            System.err.println("bench: unreadable alarm event: " + data);
            return;
        }
        if (!"PANIC".equals(a.path("type").asText()) || !a.path("active").asBoolean()) return;
        if (Instant.parse(a.path("raisedAt").asText()).isBefore(since)) return;
        if (!seenAlarms.add(a.path("id").asText())) return;
        String booth = a.path("booth").asText();
        Long t0 = pending.remove(booth);
        if (t0 == null) return;
        Long handed = handedAt.remove(booth);
        Long tapped = tappedAt.remove(booth);
        if (t0 >= measureFrom) {
            trace.add(new long[] {t0, handed == null ? -1 : handed, tapped == null ? -1 : tapped, at});
            stats.recordNanos(at - t0);
            if (handed != null && handed >= t0) {
                agentPart.recordNanos(handed - t0);
                if (tapped != null && tapped >= handed) {
                    brokerPart.recordNanos(tapped - handed);
                    gatewayPart.recordNanos(Math.max(0, at - tapped));
                }
            }
        }
        SimulatedBoothIo io = ios.get(booth);
        // Staff reset at the booth ends the latched alarm, so the booth can be pressed again.
        inputs.schedule(() -> io.setReset(true), 150, TimeUnit.MILLISECONDS);
        inputs.schedule(() -> io.setReset(false), 250, TimeUnit.MILLISECONDS);
        inputs.schedule(() -> busy.remove(booth), 600, TimeUnit.MILLISECONDS);
    }

    private static final List<String> KINDS = List.of("status", "state", "event", "heartbeat");

    /**
     * A plain Paho subscriber on the site's event topic, beside the gateway: when it has an alarm, the broker
     * has delivered it, which splits the path after the agent into broker and gateway + display.
     */
    private MqttAsyncClient tap(String site) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(broker.uri(), "tap-" + site + "-" + Long.toHexString(System.nanoTime()),
                new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            public void connectionLost(Throwable cause) {
                System.err.println("bench: the tap lost its connection: " + cause);
            }

            public void messageArrived(String topic, MqttMessage m) {
                long now = System.nanoTime();
                if (topic.endsWith("/status")) {
                    publishes.add(new long[] {now, KINDS.size()});
                    return;
                }
                String booth = panicRaisedAt(topic, m.getPayload());
                if (booth != null) tappedAt.put(booth, now);
            }

            public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setSocketFactory(MqttSockets.forUri(broker.uri(), null));
        c.connect(o).waitForCompletion(10_000);
        c.subscribe(new String[] {"boothwatch/v1/" + site + "/booth/+/event", "boothwatch/v1/" + site + "/gateway/+/status"},
                new int[] {1, 1}).waitForCompletion(10_000);
        return c;
    }

    /** alarms.csv (ms from the window start: edge, then each part) and publishes.csv, for reading slow alarms. */
    private void writeTrace() throws IOException {
        StringBuilder a = new StringBuilder("edge_ms,agent_ms,broker_ms,gateway_display_ms,total_ms\n");
        for (long[] t : trace) {
            a.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%.3f%n", (t[0] - measureFrom) / 1e6,
                    t[1] < 0 ? Double.NaN : (t[1] - t[0]) / 1e6, t[1] < 0 || t[2] < 0 ? Double.NaN : (t[2] - t[1]) / 1e6,
                    t[2] < 0 ? Double.NaN : (t[3] - t[2]) / 1e6, (t[3] - t[0]) / 1e6));
        }
        Files.writeString(dir.resolve("alarms.csv"), a);
        StringBuilder p = new StringBuilder("at_ms,kind\n");
        for (long[] t : publishes) {
            if (t[0] >= measureFrom && t[1] >= 0) p.append(String.format(Locale.ROOT, "%.3f,%s%n", (t[0] - measureFrom) / 1e6, t[1] < KINDS.size() ? KINDS.get((int) t[1]) : "gateway-status"));
        }
        Files.writeString(dir.resolve("publishes.csv"), p);
        BenchMain.log("    %s", slowNearRefresh());
        BenchMain.log("    agents' %s", fanOut.summary(n));
    }

    /**
     * How many of the slow alarms (over 15 ms) began within 30 ms of a gateway status refresh reaching the tap
     * (either side: a broker may serve the tap late in its fan-out to every booth), against the others.
     */
    private String slowNearRefresh() {
        List<Long> refreshes = refreshes(Long.MIN_VALUE, Long.MAX_VALUE);
        long window = TimeUnit.MILLISECONDS.toNanos(30);
        int slow = 0, slowNear = 0, others = 0, othersNear = 0;
        for (long[] t : trace) {
            int i = Collections.binarySearch(refreshes, t[0] - window);
            if (i < 0) i = -i - 1;
            boolean near = i < refreshes.size() && refreshes.get(i) <= t[0] + window;
            if (t[3] - t[0] > TimeUnit.MILLISECONDS.toNanos(15)) {
                slow++;
                if (near) slowNear++;
            } else {
                others++;
                if (near) othersNear++;
            }
        }
        double share = refreshes.size() < 2 ? Double.NaN
                : 100.0 * 2 * window * (refreshes.size() - 1) / (refreshes.get(refreshes.size() - 1) - refreshes.get(0));
        return String.format(Locale.ROOT, "alarms over 15 ms: %d, of which %d began within 30 ms of a gateway status refresh; "
                + "other alarms: %d, of which %d (those 60 ms windows cover %.1f %% of the time)", slow, slowNear, others, othersNear, share);
    }

    /** When gateway status refreshes reached the tap, from {@code from} to {@code to} (nanoTime), in order. */
    private List<Long> refreshes(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long[] t : publishes) if (t[1] == KINDS.size() && t[0] >= from && t[0] <= to) out.add(t[0]);
        Collections.sort(out);
        return out;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
