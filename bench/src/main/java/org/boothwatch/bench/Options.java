package org.boothwatch.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command line of the harness. */
record Options(boolean quick, Set<String> sections, List<String> brokers, List<Integer> booths, double panicRate,
               long warmupS, long measureS, long largestMeasureS, long soakS, Path out, Path work, Path root) {
    /**
     * The largest booth count gives the summary line's figures (at p99: with 60 s about the 5th-slowest of 500
     * alarms, which moved from 14 to 33 ms between runs of one version), so its window is longer by default.
     */
    long measureS(int boothCount) {
        return boothCount == booths.stream().mapToInt(Integer::intValue).max().orElse(boothCount) ? largestMeasureS : measureS;
    }

    static final String USAGE = "usage: bench/run [--quick] [--sections e2e,throughput,agent,detection] "
            + "[--brokers embedded,mosquitto] [--booths 1,100,500] [--measure SECONDS (all booth counts; default 60, 180 for the largest)] [--soak SECONDS]";

    static Options parse(String[] args) {
        boolean quick = false;
        Set<String> sections = new LinkedHashSet<>(List.of("e2e", "throughput", "agent", "detection"));
        List<String> brokers = List.of("embedded", "mosquitto");
        List<Integer> booths = List.of(1, 100, 500);
        Long measure = null;
        Long soak = null;
        Path out = Path.of("bench/target/results");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--sections" -> sections = new LinkedHashSet<>(Arrays.asList(value(args, ++i, a).split(",")));
                case "--brokers" -> brokers = Arrays.asList(value(args, ++i, a).split(","));
                case "--booths" -> booths = Arrays.stream(value(args, ++i, a).split(",")).map(Integer::valueOf).toList();
                case "--measure" -> measure = Long.valueOf(value(args, ++i, a));
                case "--soak" -> soak = Long.valueOf(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> fail("unknown option " + a);
            }
        }
        for (String s : sections) {
            if (!Set.of("e2e", "throughput", "agent", "detection").contains(s)) fail("unknown section " + s);
        }
        for (String b : brokers) if (!Set.of("embedded", "mosquitto").contains(b)) fail("unknown broker " + b);
        long m = measure != null ? measure : quick ? 20 : 60;
        long largest = measure != null ? measure : quick ? 20 : 180;
        long s = soak != null ? soak : quick ? 30 : 300;
        Path root = Path.of(System.getProperty("bench.root", "."));
        return new Options(quick, sections, brokers, booths, 8.0, quick ? 5 : 10, m, largest, s, out, out.resolve("work"), root);
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) fail(opt + " needs a value");
        return args[i];
    }

    private static void fail(String why) {
        System.err.println("bench: " + why + "\n" + USAGE);
        System.exit(2);
    }
}
