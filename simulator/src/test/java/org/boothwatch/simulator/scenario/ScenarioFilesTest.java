package org.boothwatch.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped scenario file parses and has expectations. */
class ScenarioFilesTest {
    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }

    @Test
    void everyScenarioParses() throws Exception {
        List<Path> files = files();
        assertTrue(files.size() >= 8, "scenario files: " + files);
        for (Path f : files) {
            Scenario s = ScenarioParser.parse(f);
            assertFalse(s.expectations().isEmpty(), f + " has no expectations");
        }
    }
}
