package org.boothwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark harness (entry point: bench/run). Sections: e2e (with the floor in the same run),
 * throughput, agent, detection. Prints a table and ends with the one-line summary.
 */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options o = Options.parse(args);
        Files.createDirectories(o.out());
        Report report = new Report(o);
        log("bench: %d cores, %d MB, java %s, load %s", Runtime.getRuntime().availableProcessors(), Machine.memTotalMb(),
                System.getProperty("java.version"), Machine.loadAvg());
        report.machine = Machine.cpuModel() + ", " + Machine.yardsticks();
        double steal0 = Machine.stealSeconds();
        long wall0 = System.nanoTime();
        log("bench: %s", report.machine);
        Path work = o.work();
        if (o.sections().contains("e2e")) {
            for (String kind : o.brokers()) {
                // One gateway process per broker serves the runs one after another, as a site's runs for weeks: with
                // "embedded" its own broker is the broker under test (the floor uses it too, on a site of its own).
                Path w = Files2.fresh(work.resolve("e2e-gateway-" + kind));
                try (Broker external = "embedded".equals(kind) ? null : Mosquitto.start(w.resolve("mosquitto"));
                     GatewayProcess gw = GatewayProcess.start(o.root(), w.resolve("gateway"), E2eBench.SITE,
                             external == null ? null : external.uri())) {
                    Broker broker = external != null ? external : gw.embeddedBroker();
                    for (int n : o.booths()) {
                        log("e2e: %s broker, %d booth(s)", kind, n);
                        double panicRate = n == 1 ? 5 : o.panicRate();
                        E2eBench.Result r = new E2eBench(broker, gw, n, work.resolve("e2e-" + kind + "-" + n), panicRate,
                                o.warmupS(), o.measureS(n)).run();
                        log("  e2e   %s (lost %d of %d), traffic/s %s", r.latency().summary(), r.lost(), r.panics(), r.ratePerTopic());
                        log("    of which edge -> handed to Paho: %s; -> at the tap: %s; tap -> SSE: %s", r.agentPart().summary(), r.brokerPart().summary(), r.gatewayPart().summary());
                        Stats floor = new FloorBench(broker, n, r.ratePerTopic(), r.gatewayStatusPerSecond(), o.warmupS(), o.measureS(n)).run();
                        log("  floor %s", floor.summary());
                        report.e2e(r, floor);
                    }
                }
            }
        }
        if (o.sections().contains("throughput")) {
            List<Integer> rates = System.getProperty("bench.rates") != null
                    ? java.util.Arrays.stream(System.getProperty("bench.rates").split(",")).map(Integer::valueOf).toList()
                    : o.quick() ? List.of(250, 1000, 4000, 10000)
                    : List.of(100, 250, 500, 1000, 1500, 2000, 3000, 4000, 6000, 8000, 10000, 12000, 15000, 20000);
            for (String kind : o.brokers()) {
                report.throughput.add(new ThroughputBench(o.root(), kind, work.resolve("throughput-" + kind), 1000, rates,
                        o.quick() ? 5 : 15, o.quick() ? 10 : 30).run());
            }
        }
        if (o.sections().contains("agent")) {
            report.agent = new AgentFootprint(o.root(), work.resolve("agent"), o.soakS()).run();
        }
        if (o.sections().contains("detection")) {
            try (Broker broker = Broker.embedded(Files2.fresh(work.resolve("detection-broker")))) {
                report.detection = new DetectionBench(broker, work.resolve("detection"), 20, o.quick() ? 20 : 60).run();
            }
        }
        double steal = Machine.stealSeconds() - steal0;
        report.steal = steal0 < 0 ? "?" : String.format("%.1f %% of the CPU time", 100 * steal
                / (Runtime.getRuntime().availableProcessors() * (System.nanoTime() - wall0) / 1e9));
        report.print(System.out);
        System.out.flush();
        // Paho and HiveMQ leave non-daemon threads behind; the run is over.
        System.exit(0);
    }

    static void log(String fmt, Object... args) {
        System.err.printf(fmt + "%n", args);
    }
}
