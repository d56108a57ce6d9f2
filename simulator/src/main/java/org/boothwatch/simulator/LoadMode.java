package org.boothwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.boothwatch.simulator.booth.VirtualBooth;
import org.boothwatch.simulator.load.BehaviourModel;
import org.boothwatch.simulator.load.LoadDriver;
import org.boothwatch.simulator.scenario.Durations;
import org.boothwatch.simulator.web.ControlPage;

/**
 * The load generator: every booth runs the behaviour model; counters every 10 s of real time; at the
 * end the gateway must see every booth online, no BOOTH_OFFLINE without a network cut, and no rejected
 * payloads. Exit 0 when so, 1 otherwise.
 */
final class LoadMode {
    /** Network cuts: about one per booth every 4 hours. */
    static final Duration MEAN_TIME_BETWEEN_CUTS = Duration.ofHours(4);

    private final Launcher l;
    private final SimulatorOptions o;

    LoadMode(Launcher l, SimulatorOptions o) {
        this.l = l;
        this.o = o;
    }

    int run() throws InterruptedException {
        long seed = o.seed() != null ? o.seed() : ThreadLocalRandom.current().nextLong(1_000_000);
        System.out.println("load: " + l.booths.size() + " booths, virtual time " + o.speed() + "x, seed " + seed
                + (o.duration() != null ? ", for " + Durations.format(o.duration()) + " of virtual time" : ", until Ctrl-C"));
        long t0 = System.nanoTime();
        boolean online = l.awaitAllOnline(Duration.ofSeconds(60 + l.booths.size() / 5));
        System.out.printf("load: %s booths online at the gateway after %.1f s%n", online ? "all" : "NOT all",
                (System.nanoTime() - t0) / 1e9);
        if (!online) return 1;
        ControlPage page = o.controlPort() < 0 ? null : ControlPage.start("0.0.0.0", o.controlPort(), l.booths,
                new ControlPage.Info(o.site(), o.training(), l.gateway.base().toString(), o.speed()));
        Instant since = l.time.now().minusSeconds(1);
        LoadDriver driver = new LoadDriver(new ArrayList<>(l.booths.values()), l.scheduler,
                BehaviourModel.Params.defaults(), MEAN_TIME_BETWEEN_CUTS, seed);
        driver.start();
        long startNanos = l.time.nanos();
        long end = o.duration() == null ? Long.MAX_VALUE : startNanos + o.duration().toNanos();
        long nextPrint = System.nanoTime() + 10_000_000_000L;
        while (l.time.nanos() < end) {
            Thread.sleep(200);
            if (System.nanoTime() >= nextPrint) {
                nextPrint += 10_000_000_000L;
                System.out.println("load " + Durations.format(Duration.ofNanos(l.time.nanos() - startNanos)) + ": "
                        + driver.counters().line() + "; " + gatewayLine(since));
            }
        }
        driver.stop();
        if (page != null) page.close();
        for (VirtualBooth b : l.booths.values()) {
            if (b.networkCut()) b.perform(org.boothwatch.simulator.scenario.BoothAction.NET_RESTORE);
        }
        boolean allBack = l.awaitAllOnline(Duration.ofSeconds(30));
        List<String> problems = check(since, driver.counters().errors.get(), allBack);
        System.out.println("load finished: " + driver.counters().line());
        System.out.println("gateway: " + gatewayLine(since));
        if (problems.isEmpty()) {
            System.out.println("load: PASSED, no errors");
            return 0;
        }
        System.out.println("load: FAILED");
        problems.forEach(p -> System.out.println("  - " + p));
        return 1;
    }

    private String gatewayLine(Instant since) {
        try {
            Map<String, JsonNode> booths = l.gateway.booths();
            long online = booths.values().stream().filter(b -> b.path("online").asBoolean(false)).count();
            Map<String, Integer> byType = new TreeMap<>();
            for (JsonNode a : l.gateway.alarmsSince(since)) byType.merge(a.path("type").asText(), 1, Integer::sum);
            return online + "/" + l.booths.size() + " online, alarms raised " + byType + ", active "
                    + l.gateway.activeAlarms().size();
        } catch (IOException e) {
            return "gateway not answering: " + e.getMessage();
        }
    }

    private List<String> check(Instant since, long errors, boolean allBack) {
        List<String> problems = new ArrayList<>();
        if (errors > 0) problems.add(errors + " booth action(s) failed (see the log)");
        if (!allBack) problems.add("not every booth is online at the gateway 30 s after the end");
        try {
            for (JsonNode a : l.gateway.alarmsSince(since)) {
                if (!"BOOTH_OFFLINE".equals(a.path("type").asText())) continue;
                VirtualBooth b = l.booths.get(a.path("booth").asText());
                if (b != null && b.networkCuts() == 0) {
                    problems.add("BOOTH_OFFLINE for " + b.id() + " without any network cut: " + a.path("reason").asText());
                }
            }
            double rejected = 0;
            for (String line : l.gateway.metrics().split("\n")) {
                if (line.startsWith("boothwatch_payloads_rejected_total")) {
                    rejected += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            if (rejected > 0) problems.add("the gateway rejected " + (long) rejected + " payload(s)");
        } catch (IOException | NumberFormatException e) {
            problems.add("cannot check the gateway: " + e.getMessage());
        }
        return problems;
    }
}
