package org.boothwatch.bench;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the figures; prints the table, saves it with the plot, and ends with the one-line summary. */
final class Report {
    record E2eRow(E2eBench.Result e2e, Stats floor) {}

    private final Options o;
    final List<E2eRow> e2e = new ArrayList<>();
    final List<ThroughputBench.Result> throughput = new ArrayList<>();
    AgentFootprint.Result agent;
    DetectionBench.Result detection;
    /** CPU model and yardsticks ({@link Machine#yardsticks}); CPU time stolen by the hypervisor during the run. */
    String machine = "?";
    String steal = "?";

    Report(Options o) {
        this.o = o;
    }

    void e2e(E2eBench.Result r, Stats floor) {
        e2e.add(new E2eRow(r, floor));
    }

    /** Prints the table and the summary line to {@code out}; saves both, the CSV curves and the plot under the output folder. */
    void print(PrintStream out) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(buf, true, StandardCharsets.UTF_8);
        table(p);
        p.println(summaryLine());
        String text = buf.toString(StandardCharsets.UTF_8);
        out.print(text);
        Files.writeString(o.out().resolve("latest.txt"), header() + text);
        savePlot();
    }

    private String header() {
        return String.format("boothwatch bench%s, %d cores, %d MB RAM, java %s, load at end %s%n%s; stolen by the hypervisor during the run: %s%n",
                o.quick() ? " --quick" : "", Runtime.getRuntime().availableProcessors(), Machine.memTotalMb(),
                System.getProperty("java.version"), Machine.loadAvg(), machine, steal);
    }

    private void table(PrintStream out) {
        if (!e2e.isEmpty()) {
            out.println();
            out.println("End-to-end: PANIC edge at the booth -> SSE alarm event at a display; floor: Paho -> same broker -> Paho, subscriber with a "
                    + (FloorBench.PERSISTENT ? "persistent" : "clean") + " session"
                    + (FloorBench.DOWNSTREAM ? ", publishers receiving the gateway's status refresh" : "") + " (ms)");
            out.println("msg/s = sent by the booths; down/s = gateway status refreshes delivered to the booths");
            out.printf("%-10s %6s %6s %6s | %7s %7s %7s %7s %4s %5s | %7s %7s %7s %7s %5s | %5s %5s%n", "broker", "booths", "msg/s", "down/s",
                    "e2e p50", "p99", "p99.9", "max", "n", "lost", "flr p50", "p99", "p99.9", "max", "n", "x p50", "x p99");
            for (E2eRow r : e2e) {
                Stats a = r.e2e().latency();
                Stats f = r.floor();
                double msgs = r.e2e().ratePerTopic().values().stream().mapToDouble(Double::doubleValue).sum();
                out.printf("%-10s %6d %6.0f %6.0f | %7.2f %7.2f %7.2f %7.2f %4d %5d | %7.2f %7.2f %7.2f %7.2f %5d | %5.2f %5.2f%n",
                        r.e2e().broker(), r.e2e().booths(), msgs, r.e2e().gatewayStatusPerSecond() * r.e2e().booths(),
                        a.ms(50), a.ms(99), a.ms(99.9), a.maxMs(), a.count(), r.e2e().lost(),
                        f.ms(50), f.ms(99), f.ms(99.9), f.maxMs(), f.count(), a.ms(50) / f.ms(50), a.ms(99) / f.ms(99));
            }
            out.println();
            out.println("Where the end-to-end time goes (ms): agent = PANIC edge -> event handed to Paho; broker = handed to Paho -> at a"
                    + " plain Paho subscriber beside the gateway (the tap); gateway = tap -> SSE at the display");
            out.printf("%-10s %6s | %9s %9s %9s | %9s %9s %9s | %9s %9s %9s%n", "broker", "booths", "agent p50", "p99", "max",
                    "brkr p50", "p99", "max", "gw p50", "p99", "max");
            for (E2eRow r : e2e) {
                Stats g = r.e2e().agentPart();
                Stats b = r.e2e().brokerPart();
                Stats h = r.e2e().gatewayPart();
                out.printf("%-10s %6d | %9.2f %9.2f %9.2f | %9.2f %9.2f %9.2f | %9.2f %9.2f %9.2f%n", r.e2e().broker(), r.e2e().booths(),
                        g.ms(50), g.ms(99), g.maxMs(), b.ms(50), b.ms(99), b.maxMs(), h.ms(50), h.ms(99), h.maxMs());
            }
        }
        for (ThroughputBench.Result t : throughput) {
            out.println();
            out.printf("Gateway throughput, %d booths, %s broker: alarm events, publish -> SSE (ms); pass = none lost, all stored, p99 < 100 ms%n",
                    t.booths(), t.broker());
            out.printf("%8s %9s %8s %8s %8s %9s %9s %9s | %7s %7s %7s  %s%n", "target/s", "achieved", "sent", "SSE", "stored", "p50", "p99",
                    "max", "gw cpu", "broker", "harness", "result");
            for (ThroughputBench.Step s : t.steps()) {
                out.printf("%8d %9.0f %8d %8d %8d %9.2f %9.2f %9.2f | %7.2f %7s %7.2f  %s%n", s.target(), s.achieved(), s.sent(), s.seen(),
                        s.stored(), s.latency().ms(50), s.latency().ms(99), s.latency().maxMs(), s.cpuGateway(),
                        s.cpuBroker() < 0 ? "in gw" : String.format("%.2f", s.cpuBroker()), s.cpuHarness(),
                        s.pass() ? "pass" : "FAIL: " + s.why());
            }
            out.println("(cpu: cores used during the step; the machine has " + Runtime.getRuntime().availableProcessors()
                    + "; the harness is the 1,000 booths' load generator and the display client)");
            out.printf("max sustained: %d events/s; gateway RSS %.0f MB with %d booths connected (heartbeats only), %.0f MB after the steps, peak %.0f MB%n",
                    t.maxEps(), t.rssIdleKb() / 1024.0, t.booths(), t.rssAfterKb() / 1024.0, t.rssPeakKb() / 1024.0);
        }
        if (agent != null) {
            out.println();
            out.printf("booth-agent footprint (%s), after a %d s soak%n", String.join(" ", agent.agentFlags()), agent.soakS());
            out.printf("%-18s %18s %8s %8s%n", "process", "startup->publish", "RSS MB", "peak MB");
            for (AgentFootprint.Proc p : List.of(agent.agent(), agent.floor())) {
                out.printf("%-18s %15.0f ms %8.1f %8.1f%n", p.name(), p.startupMs(), p.rssKb() / 1024.0, p.peakKb() / 1024.0);
            }
        }
        if (detection != null) {
            Stats d = detection.delay();
            out.println();
            out.printf("Detection: INACTIVITY published after alarmAfter is due (tick %d ms): n=%d p50=%.1f p99=%.1f max=%.1f ms, missing %d%n",
                    detection.tickMs(), d.count(), d.ms(50), d.ms(99), d.maxMs(), detection.missing());
        }
        out.println();
    }

    /** The worst broker at the largest booth count. */
    private E2eRow headline() {
        int top = e2e.stream().mapToInt(r -> r.e2e().booths()).max().orElse(0);
        return e2e.stream().filter(r -> r.e2e().booths() == top)
                .max(Comparator.comparingDouble(r -> r.e2e().latency().ms(99))).orElse(null);
    }

    String summaryLine() {
        E2eRow h = headline();
        String e = h == null ? "na" : String.format("%.2f", h.e2e().latency().ms(99));
        String f = h == null ? "na" : String.format("%.2f", h.floor().ms(99));
        String r = h == null ? "na" : String.format("%.2f", h.e2e().latency().ms(99) / h.floor().ms(99));
        String g = throughput.isEmpty() ? "na" : String.valueOf(throughput.stream().mapToInt(ThroughputBench.Result::maxEps).min().getAsInt());
        String a = agent == null ? "na" : String.format("%.1f", agent.agent().rssKb() / 1024.0);
        return "bench: e2e_p99_ms=" + e + " floor_p99_ms=" + f + " ratio_p99=" + r + " gateway_max_eps=" + g + " agent_rss_mb=" + a;
    }

    private void savePlot() throws IOException {
        if (e2e.isEmpty()) return;
        int top = e2e.stream().mapToInt(r -> r.e2e().booths()).max().getAsInt();
        Color[] colors = {new Color(200, 30, 30), new Color(30, 80, 200), new Color(20, 140, 60), new Color(150, 60, 170)};
        List<Plot.Series> s = new ArrayList<>();
        int i = 0;
        StringBuilder csv = new StringBuilder("series,percentile,ms\n");
        for (E2eRow r : e2e) {
            for (Stats st : List.of(r.e2e().latency(), r.floor())) {
                for (double[] p : st.percentileCurve()) csv.append(st.name()).append(',').append(p[0]).append(',').append(p[1]).append('\n');
            }
            if (r.e2e().booths() != top) continue;
            Color c = colors[i++ % colors.length];
            s.add(new Plot.Series("end-to-end, " + r.e2e().broker(), r.e2e().latency(), c, false));
            s.add(new Plot.Series("floor, " + r.e2e().broker(), r.floor(), c, true));
        }
        Files.writeString(o.out().resolve("latency-percentiles.csv"), csv);
        Plot.write(o.out().resolve("benchmarks-latency.png"),
                "PANIC edge -> SSE alarm at " + top + " booths (solid) vs Paho floor (dashed), latency by percentile", s);
    }
}
