package org.boothwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.boothwatch.agent.TestConfigs;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigTest {
    static Properties base() {
        Properties p = new Properties();
        p.setProperty("site", "site1");
        p.setProperty("booth", "b01");
        p.setProperty("mqtt.uri", "tcp://localhost:1883");
        p.setProperty("gpio.provider", "gpiod");
        return p;
    }

    @Test
    void defaultsAreTheContractsAndTheDocumentedWiring() throws Exception {
        AgentConfig c = AgentConfig.fromProperties(base());
        assertEquals(Duration.ofSeconds(120), c.warnAfter());
        assertEquals(Duration.ofSeconds(180), c.alarmAfter());
        assertEquals(Duration.ofMinutes(20), c.maxOccupancy());
        assertEquals(Duration.ofSeconds(3), c.heartbeatInterval());
        assertEquals(AgentConfig.GpioProvider.GPIOD, c.gpioProvider());
        assertEquals(17, c.inputs().get(Input.OCCUPANCY).pin());
        assertEquals(PinConfigs.Pull.UP, c.inputs().get(Input.PANIC).pull());
        assertEquals(25, c.outputs().get(Output.BUZZER).pin());
        assertEquals("booth-site1-b01", c.clientId());
        assertEquals(Path.of("boothwatch-agent-data/site1-b01"), c.queueDir());
        assertEquals(Optional.empty(), c.gatewayId());
    }

    @Test
    void readsEveryKind() throws Exception {
        Properties p = base();
        p.setProperty("warnAfter", "1m30s");
        p.setProperty("alarmAfter", "2m");
        p.setProperty("input.motion.pin", "5");
        p.setProperty("input.motion.activeLevel", "low");
        p.setProperty("input.motion.pull", "off");
        p.setProperty("input.motion.debounce", "0ms");
        p.setProperty("gateway.id", "gw1");
        p.setProperty("mqtt.username", "booth");
        p.setProperty("mqtt.password", "secret");
        AgentConfig c = AgentConfig.fromProperties(p);
        assertEquals(Duration.ofSeconds(90), c.warnAfter());
        assertEquals(new PinConfigs.InputPin(5, PinConfigs.Pull.OFF, false, Duration.ZERO), c.inputs().get(Input.MOTION));
        assertEquals(Optional.of("gw1"), c.gatewayId());
        assertEquals(Optional.of("secret"), c.mqttPassword());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gpio.provider|        |gpiod | mock (required, no default)",
        "gpio.provider|fake    |gpiod | mock",
        "site|Site One         |lowercase letters",
        "booth|                |lowercase letters",
        "mqtt.uri|localhost    |tcp://host:port",
        "mqtt.uri|http://x:80  |tcp://host:port",
        "warnAfter|2 minutes   |a duration such as",
        "warnAfter|0s          |from 1s to 1h",
        "alarmAfter|60s        |longer than warnAfter (2m)",
        "mqtt.keepAlive|10s    |from 1s to 4s",
        "input.panic.pin|40    |from 0 to 27",
        "input.panic.pin|17    |not already used by input.occupancy.pin",
        "input.motion.activeLevel|up|high | low",
        "input.reset.pull|sideways|up | down | off",
        "tickInterval|5s       |from 10ms to 1s",
        "heartbeatInterval|60s |to 3s",
        "heartbeatInterval|50ms|from 250ms (at least tickInterval)",
        "mqtt.uri|tcp://h:70000|port 1-65535",
        "warnafter|60s         |no such key",
        "mqtt.tls.caFile|/x.pem|only with an ssl:// mqtt.uri",
        "gateway.id|GW         |lowercase letters",
    })
    void rejectsBadValuesNamingKeyValueAndWhatIsAllowed(String key, String value, String allowedPart) {
        Properties p = base();
        if (value == null) p.remove(key); else p.setProperty(key, value);
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p));
        String expectedKey = key.equals("input.panic.pin") && "17".equals(value) ? "input.panic.pin" : key;
        assertEquals(expectedKey, e.getKey());
        assertEquals(value, e.getValue());
        assertTrue(e.getAllowed().contains(allowedPart), e.getAllowed());
        assertTrue(e.getMessage().contains(key) && e.getMessage().contains(e.getAllowed()), e.getMessage());
    }

    @Test
    void heartbeatCannotBeShorterThanTheTick() {
        Properties p = base();
        p.setProperty("tickInterval", "1s");
        p.setProperty("heartbeatInterval", "500ms");
        ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p));
        assertEquals("heartbeatInterval", e.getKey());
        assertTrue(e.getAllowed().contains("from 1s"), e.getAllowed());
    }

    @Test
    void queueDirThatCannotBeCreatedOrWrittenIsAConfigError(@TempDir Path dir) throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        for (Path bad : new Path[] {aFile, aFile.resolve("sub"), aFile.resolve("sub/deeper")}) {
            Properties p = base();
            p.setProperty("queue.dir", bad.toString());
            ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p), bad.toString());
            assertEquals("queue.dir", e.getKey());
            assertEquals(bad.toString(), e.getValue());
            assertTrue(e.getAllowed().contains("a folder the agent can create and write"), e.getAllowed());
        }
        Path q = Files.createDirectories(dir.resolve("q"));
        Files.writeString(q.resolve("outbox"), "not a folder");
        Properties p = base();
        p.setProperty("queue.dir", q.toString());
        assertTrue(assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p)).getAllowed().contains("outbox"));
        Files.delete(q.resolve("outbox"));
        Files.createDirectories(q.resolve("active-alarms.json"));
        assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p));
        p.setProperty("queue.dir", dir.resolve("new/deeper").toString());
        assertEquals(dir.resolve("new/deeper"), AgentConfig.fromProperties(p).queueDir());
        assertTrue(Files.notExists(dir.resolve("new")), "parsing must not create folders");
    }

    @Test
    void prepareQueueDirCreatesTheFoldersOrNamesTheKey(@TempDir Path dir) throws Exception {
        FileChecks.prepareQueueDir("queue.dir", dir.resolve("a/b"));
        assertTrue(Files.isDirectory(dir.resolve("a/b/outbox")) && Files.isDirectory(dir.resolve("a/b/paho")));
        Path aFile = Files.writeString(dir.resolve("f"), "x");
        ConfigException e = assertThrows(ConfigException.class, () -> FileChecks.prepareQueueDir("queue.dir", aFile.resolve("q")));
        assertEquals("queue.dir", e.getKey());
        assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void caFileMustBeAReadableCertificate(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "this is not a certificate\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        for (Path bad : new Path[] {dir.resolve("missing.pem"), dir, notPem, empty}) {
            Properties p = base();
            p.setProperty("mqtt.uri", "ssl://localhost:8883");
            p.setProperty("mqtt.tls.caFile", bad.toString());
            ConfigException e = assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p), bad.toString());
            assertEquals("mqtt.tls.caFile", e.getKey());
            assertEquals(bad.toString(), e.getValue());
            assertTrue(e.getAllowed().startsWith("a readable PEM file of CA certificates ("), e.getAllowed());
            assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
        }
    }

    @Test
    void passwordNeedsAUser() {
        Properties p = base();
        p.setProperty("mqtt.password", "x");
        assertEquals("mqtt.username", assertThrows(ConfigException.class, () -> AgentConfig.fromProperties(p)).getKey());
    }

    @Test
    void durationsParseAndFormat() {
        assertEquals(Duration.ofSeconds(120), Durations.parse("120s"));
        assertEquals(Duration.ofMinutes(3), Durations.parse("3m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMillis(2500), Durations.parse("2.5s"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("3"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-3s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
    }

    @Test
    void testConfigIsValid() {
        TestConfigs.config(TestConfigs.properties("b01", "tcp://127.0.0.1:1883", Path.of("q")));
    }
}
