package org.boothwatch.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.BoothAgent;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.TimeSource;

/**
 * Detection timing: real agents (default 250 ms tick) with short thresholds (warnAfter 2 s, alarmAfter 3 s)
 * become occupied at random times and then see no motion. Measured: from the moment the INACTIVITY alarm
 * is due (occupancy edge + alarmAfter) to the moment the agent hands the ALARM_RAISED event to its MQTT
 * client. Expected: within one tick period.
 */
final class DetectionBench {
    static final Duration ALARM_AFTER = Duration.ofSeconds(3);

    record Result(Stats delay, long tickMs, long missing) {}

    private final Broker broker;
    private final Path dir;
    private final int n;
    private final long runS;
    private final Map<String, Long> due = new ConcurrentHashMap<>();
    private final Stats stats = new Stats("detection");
    private final Map<String, SimulatedBoothIo> ios = new ConcurrentHashMap<>();
    private final Random rng = new Random(5);
    private ScheduledExecutorService inputs;

    DetectionBench(Broker broker, Path dir, int booths, long runS) {
        this.broker = broker;
        this.dir = dir;
        this.n = booths;
        this.runS = runS;
    }

    Result run() throws Exception {
        Files2.fresh(dir);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(2, E2eBench.daemon("booth-agent"));
        inputs = Executors.newScheduledThreadPool(1, E2eBench.daemon("bench-inputs"));
        List<BoothAgent> agents = new ArrayList<>();
        long tickMs = 0;
        long missing;
        try {
            for (int i = 1; i <= n; i++) {
                String id = String.format("d%02d", i);
                Properties p = new Properties();
                p.setProperty("site", "detect");
                p.setProperty("booth", id);
                p.setProperty("mqtt.uri", broker.uri());
                p.setProperty("gpio.provider", "mock");
                p.setProperty("warnAfter", "2s");
                p.setProperty("alarmAfter", ALARM_AFTER.toSeconds() + "s");
                p.setProperty("queue.dir", dir.resolve(id).toString());
                AgentConfig cfg = AgentConfig.fromProperties(p);
                tickMs = cfg.tickInterval().toMillis();
                SimulatedBoothIo io = new SimulatedBoothIo();
                BoothAgent a = new BoothAgent(cfg, io, new CountingTransport(PahoTransport.forAgent(cfg),
                        CountingTransport.newCounts(), (topic, payload, at) -> published(id, topic, payload, at)),
                        TimeSource.SYSTEM, pool);
                a.start();
                agents.add(a);
                ios.put(id, io);
            }
            Thread.sleep(2000); // connected
            for (String id : ios.keySet()) {
                inputs.schedule(() -> enter(id), rng.nextInt(1000), TimeUnit.MILLISECONDS);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(runS));
            inputs.shutdownNow();
            Thread.sleep(ALARM_AFTER.toMillis() + 2 * tickMs + 500);
            long late = 2 * tickMs * 1_000_000L;
            missing = due.values().stream().filter(t -> System.nanoTime() - t > late).count();
        } finally {
            for (BoothAgent a : agents) a.stop();
            pool.shutdownNow();
            inputs.shutdownNow();
        }
        return new Result(stats, tickMs, missing);
    }

    /** Enter and stay still; {@link #published} then resets, leaves and schedules the next entry. */
    private void enter(String id) {
        // The due time is taken before the edge, so the measured delay can only be too long, never too short.
        due.put(id, System.nanoTime() + ALARM_AFTER.toNanos());
        ios.get(id).setOccupied(true);
    }

    private void again(String id) {
        SimulatedBoothIo io = ios.get(id);
        io.setReset(true);
        io.setReset(false);
        io.setOccupied(false);
        int pause;
        synchronized (rng) {
            pause = 200 + rng.nextInt(1000);
        }
        inputs.schedule(() -> enter(id), pause, TimeUnit.MILLISECONDS);
    }

    private void published(String id, String topic, byte[] payload, long at) {
        if (!topic.endsWith("/event")) return;
        String s = new String(payload, StandardCharsets.UTF_8);
        if (!s.contains("\"ALARM_RAISED\"") || !s.contains("\"INACTIVITY\"")) return;
        Long d = due.remove(id);
        if (d == null) return;
        stats.recordNanos(at - d);
        if (!inputs.isShutdown()) inputs.schedule(() -> again(id), 100, TimeUnit.MILLISECONDS);
    }
}
