package org.boothwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExamplePropertiesTest {
    @Test
    void theDocumentedExampleIsAValidConfig() throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("booth.example.properties"))) {
            p.load(r);
        }
        AgentConfig c = AgentConfig.fromProperties(p);
        assertEquals(Duration.ofSeconds(120), c.warnAfter());
        assertEquals(AgentConfig.GpioProvider.GPIOD, c.gpioProvider());
    }
}
