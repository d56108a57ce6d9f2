package org.boothwatch.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.boothwatch.simulator.SimulatorCommand;
import org.boothwatch.simulator.scenario.ScenarioException;
import org.boothwatch.simulator.scenario.ScenarioParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every scenario under simulator/scenarios/, through the real command line, at 50x virtual time,
 * against a real in-process HiveMQ CE broker and gateway and real booth agents on simulated IO.
 * Each scenario has its own broker, gateway and data, so {@code scenario.parallel} of them (default 2,
 * one per core here) run at once, longest first; each one's report is printed as one block.
 */
class ScenariosIT {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    static final String SPEED = System.getProperty("scenario.speed", "50");
    static final int PARALLEL = Integer.getInteger("scenario.parallel", 2);

    record Run(int rc, String report) {}

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws IOException, ScenarioException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        Map<Path, Long> length = new HashMap<>();
        for (Path f : files) length.put(f, ScenarioParser.parse(f).end().toNanos());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        Map<Path, Future<Run>> runs = new HashMap<>();
        files.stream().sorted(Comparator.comparing(length::get).reversed())
                .forEach(f -> runs.put(f, pool.submit(() -> run(f))));
        pool.shutdown();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Run r = runs.get(f).get(10, TimeUnit.MINUTES);
            System.out.print(r.report());
            assertEquals(0, r.rc(), f + " failed (its report is in the output above)");
        }));
    }

    private static Run run(Path f) {
        StringWriter report = new StringWriter();
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setOut(new PrintWriter(report, true));
        cli.setErr(new PrintWriter(report, true));
        int rc = cli.execute("--scenario", f.toString(), "--speed", SPEED);
        return new Run(rc, report.toString());
    }
}
