package org.boothwatch.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return p;
    }

    @Test
    void defaultsAreTheContractsAndTheExampleFileEqualsThem() throws Exception {
        GatewayConfig d = GatewayConfig.defaults();
        assertEquals("demo", d.site());
        assertEquals("gw1", d.gatewayId());
        assertTrue(d.embeddedBroker());
        assertEquals(1883, d.brokerPort());
        assertEquals(8080, d.httpPort());
        assertEquals(Path.of("./boothwatch-data"), d.dataDir());
        assertEquals(Duration.ofSeconds(30), d.escalateAfter());
        assertEquals(Duration.ofSeconds(3), d.heartbeatInterval());
        assertNull(d.staffToken());
        assertTrue(d.brokerPersistent());
        assertEquals("jdbc:sqlite:" + Path.of("./boothwatch-data").resolve("events.db"), d.jdbcUrl());
        Properties example = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("gateway.example.properties"))) {
            example.load(r);
        }
        assertEquals(GatewayConfig.KEYS, example.stringPropertyNames(), "the example documents every key");
        assertEquals(d, GatewayConfig.fromProperties(example));
    }

    @Test
    void badValuesNameKeyValueAndWhatIsAllowed() {
        assertMessage("http.port='99999' is not allowed: an integer 0-65535 (0 = any free port)", "http.port", "99999");
        assertMessage("escalateAfter='30 seconds' is not allowed: a duration such as 500ms, 30s, 3m or 1h", "escalateAfter", "30 seconds");
        assertMessage("site='Site A' is not allowed: 1-32 characters: lowercase letters, digits and '-', not starting with '-'", "site", "Site A");
        assertMessage("broker.persistence='disk' is not allowed: file or memory", "broker.persistence", "disk");
        assertMessage("escalation.webhooks='ftp://x' is not allowed: comma-separated http:// or https:// URLs", "escalation.webhooks", "ftp://x");
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.fromProperties(props("escalateafter", "3s")));
        assertTrue(e.getMessage().startsWith("escalateafter='3s' is not allowed: a known key"), e.getMessage());
    }

    @Test
    void parsesEveryKindOfValue() {
        GatewayConfig c = GatewayConfig.fromProperties(props("mqtt.uri", "ssl://broker.local:8883", "escalateAfter", "500ms",
                "heartbeatInterval", "1m", "escalation.webhooks", "http://a/x, https://b/y", "staff.token", "t",
                "http.port", "0", "broker.persistence", "memory"));
        assertEquals("ssl://broker.local:8883", c.mqttUri());
        assertEquals(Duration.ofMillis(500), c.escalateAfter());
        assertEquals(Duration.ofMinutes(1), c.heartbeatInterval());
        assertEquals(2, c.webhooks().size());
        assertEquals("t", c.staffToken());
        assertEquals(0, c.httpPort());
        assertEquals(false, c.brokerPersistent());
        assertEquals(9090, c.withHttpPort(9090).httpPort());
        assertEquals("x", c.withSite("x").site());
    }

    static void assertMessage(String expected, String key, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.fromProperties(props(key, value)));
        assertEquals(expected, e.getMessage());
        assertEquals(key, e.key());
    }

    @Test
    void keepAliveDefaultsTo3sAndIsCappedForTheTenSecondPromise() {
        assertEquals(java.time.Duration.ofSeconds(3), GatewayConfig.defaults().mqttKeepAlive());
        java.util.Properties p = new java.util.Properties();
        p.setProperty("mqtt.keepAlive", "2s");
        assertEquals(java.time.Duration.ofSeconds(2), GatewayConfig.fromProperties(p).mqttKeepAlive());
        for (String bad : new String[] {"5s", "10s", "0s", "1500ms", "soon"}) {
            p.setProperty("mqtt.keepAlive", bad);
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> GatewayConfig.fromProperties(p));
            assertEquals("mqtt.keepAlive", e.key(), bad);
        }
    }

    @Test
    void valuesThatParseButCannotWorkAreRejected() {
        String[][] cases = {{"mqtt.uri", "tcp://h:0"}, {"mqtt.uri", "tcp://h:99999"}, {"heartbeatInterval", "2m"},
                {"mqtt.password", "secret"}};
        for (String[] c : cases) {
            java.util.Properties p = new java.util.Properties();
            p.setProperty(c[0], c[1]);
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> GatewayConfig.fromProperties(p));
            assertEquals(c[0], e.key(), c[1]);
        }
    }
}
