package org.boothwatch.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.boothwatch.contract.testing.FaultProxy;
import org.boothwatch.reliability.support.Booth;
import org.boothwatch.reliability.support.GatewayProcess;
import org.boothwatch.reliability.support.Http;
import org.boothwatch.reliability.support.Ledger;
import org.boothwatch.reliability.support.Mosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long variants, outside `mvn verify` (the class name does not end in IT): run by scripts/soak and
 * scripts/partition, which set long.booths and long.minutes. Same ledger as the fault suite.
 */
class LongRun {
    @TempDir Path tmp;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final int booths = Integer.getInteger("long.booths", 20);
    private final double minutes = Double.parseDouble(System.getProperty("long.minutes", "1"));
    private final Random random = new Random(Long.getLong("long.seed", 7L));

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    /** Resident memory of a process in MB, from /proc (Linux), or -1 when unreadable. */
    static long rssMb(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Many booths for a long time: every alarm recorded once, the gateway healthy throughout. */
    @Test
    void soak() {
        Mosquitto broker = keep(Mosquitto.plain(tmp.resolve("mosquitto")));
        GatewayProcess gw = keep(new GatewayProcess(tmp.resolve("gateway"), Map.of("site", "soak", "mqtt.uri", broker.uri()))).start();
        Http http = gw.http();
        List<Booth> all = new ArrayList<>();
        for (int i = 1; i <= booths; i++) {
            String id = String.format("b%03d", i);
            all.add(keep(new Booth("soak", id, tmp.resolve("agent-" + id), Map.of("mqtt.uri", broker.uri()))).start());
        }
        await("all booths online").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> http.get("/api/booths").json().path("booths").size() == booths && http.metricSum("boothwatch_booths_online") == booths);
        long end = System.nanoTime() + (long) (minutes * 60e9);
        long nextReport = System.nanoTime();
        int unhealthy = 0;
        while (System.nanoTime() < end) {
            Booth b = all.get(random.nextInt(all.size()));
            b.panic();
            b.reset();
            if (System.nanoTime() >= nextReport) {
                boolean ok = http.healthy();
                if (!ok) unhealthy++;
                System.out.printf("SOAK %.1f min left: alarms %d, healthy %s, gateway RSS %d MB, online %.0f, rejected %.0f, duplicates %.0f%n",
                        (end - System.nanoTime()) / 60e9, all.stream().mapToInt(x -> x.raised.size()).sum(), ok, rssMb(gw.pid()),
                        http.metricSum("boothwatch_booths_online"), http.metricSum("boothwatch_payloads_rejected_total"),
                        http.metricSum("boothwatch_events_duplicate_total"));
                nextReport = System.nanoTime() + 30_000_000_000L;
            }
            // About one alarm per booth per minute across the site.
            await().pollDelay(Duration.ofMillis(Math.max(1, 60_000 / booths))).until(() -> true);
        }
        Ledger.assertMatch(http, all, Duration.ofMinutes(3));
        assertEquals(0, unhealthy, "gateway reported unhealthy during the soak");
        assertEquals(booths, (int) http.metricSum("boothwatch_booths_online"));
    }

    /** Half the booths lose the network for long.minutes while raising alarms; nothing is lost when it returns. */
    @Test
    void partition() {
        Mosquitto broker = keep(Mosquitto.plain(tmp.resolve("mosquitto")));
        GatewayProcess gw = keep(new GatewayProcess(tmp.resolve("gateway"), Map.of("site", "part", "mqtt.uri", broker.uri()))).start();
        Http http = gw.http();
        List<Booth> all = new ArrayList<>();
        List<FaultProxy> nets = new ArrayList<>();
        List<Booth> cutOff = new ArrayList<>();
        for (int i = 1; i <= booths; i++) {
            String id = String.format("b%03d", i);
            String uri = broker.uri();
            boolean behindCut = i % 2 == 0;
            if (behindCut) {
                FaultProxy net = keep(new FaultProxy(broker.port()));
                nets.add(net);
                uri = net.uri();
            }
            Booth b = keep(new Booth("part", id, tmp.resolve("agent-" + id), Map.of("mqtt.uri", uri))).start();
            all.add(b);
            if (behindCut) cutOff.add(b);
        }
        await("all booths online").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> http.metricSum("boothwatch_booths_online") == booths);
        nets.forEach(FaultProxy::cut);
        await("cut booths offline at the gateway").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.metricSum("boothwatch_booths_online") == booths - cutOff.size());
        long end = System.nanoTime() + (long) (minutes * 60e9);
        while (System.nanoTime() < end) {
            Booth b = all.get(random.nextInt(all.size()));
            b.panic();
            b.reset();
            System.out.printf("PARTITION %.1f min left, alarms %d%n", (end - System.nanoTime()) / 60e9,
                    all.stream().mapToInt(x -> x.raised.size()).sum());
            await().pollDelay(Duration.ofMillis(2000)).until(() -> true);
        }
        for (Booth b : cutOff) assertTrue(b.agent().queuedEvents() > 0 || b.raised.isEmpty(), "cut booth kept nothing on disk");
        nets.forEach(FaultProxy::restore);
        await("every booth back online").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> http.metricSum("boothwatch_booths_online") == booths);
        Ledger.assertMatch(http, all, Duration.ofMinutes(3));
    }
}
