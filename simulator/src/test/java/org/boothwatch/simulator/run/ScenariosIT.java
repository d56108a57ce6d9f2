package org.boothwatch.simulator.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.boothwatch.simulator.SimulatorCommand;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every scenario under simulator/scenarios/, through the real command line, at 50x virtual time,
 * against a real in-process HiveMQ CE broker and gateway and real booth agents on simulated IO.
 * One at a time: with two scenarios at once in this JVM (two embedded HiveMQ CE brokers, gateways and sets of
 * agents) the gateways received malformed payloads on booth topics (17 to 42 rejected per run, none one by
 * one; cause not found) and a net-cut scenario failed once.
 */
class ScenariosIT {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    static final String SPEED = System.getProperty("scenario.speed", "50");

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            int rc = new CommandLine(new SimulatorCommand()).execute("--scenario", f.toString(), "--speed", SPEED);
            assertEquals(0, rc, f + " failed (its report is in the output above)");
        }));
    }
}
