package org.boothwatch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Collects the figures; prints the table and the one-line summary. */
final class Report {
    record E2eRow(E2eBench.Result e2e, Stats floor) {}

    private final Options o;
    final List<E2eRow> e2e = new ArrayList<>();

    Report(Options o) {
        this.o = o;
    }

    void e2e(E2eBench.Result r, Stats floor) {
        e2e.add(new E2eRow(r, floor));
    }

    void print(PrintStream out) {
        out.println();
        out.println("End-to-end PANIC edge -> SSE alarm event, and the floor (Paho -> broker -> Paho), in ms");
        out.printf("%-10s %6s %8s | %7s %7s %7s %7s %5s | %7s %7s %7s %7s | %6s %6s%n", "broker", "booths", "msg/s",
                "e2e p50", "p99", "p99.9", "max", "lost", "flr p50", "p99", "p99.9", "max", "r p50", "r p99");
        for (E2eRow r : e2e) {
            Stats a = r.e2e().latency();
            Stats f = r.floor();
            double msgs = r.e2e().ratePerTopic().values().stream().mapToDouble(Double::doubleValue).sum();
            out.printf("%-10s %6d %8.0f | %7.2f %7.2f %7.2f %7.2f %5d | %7.2f %7.2f %7.2f %7.2f | %6.2f %6.2f%n",
                    r.e2e().broker(), r.e2e().booths(), msgs, a.ms(50), a.ms(99), a.ms(99.9), a.maxMs(), r.e2e().lost(),
                    f.ms(50), f.ms(99), f.ms(99.9), f.maxMs(), a.ms(50) / f.ms(50), a.ms(99) / f.ms(99));
        }
    }
}
