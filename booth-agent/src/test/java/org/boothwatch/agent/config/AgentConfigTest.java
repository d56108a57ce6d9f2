package org.boothwatch.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.boothwatch.agent.TestConfigs;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.Output;
import org.junit.jupiter.api.Test;
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
