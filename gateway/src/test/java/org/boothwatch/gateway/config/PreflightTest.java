package org.boothwatch.gateway.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir
    Path dir;

    private GatewayConfig cfg(String... kv) {
        Properties p = new Properties();
        p.setProperty("mqtt.uri", "tcp://127.0.0.1:1");
        p.setProperty("http.bind", "127.0.0.1");
        p.setProperty("http.port", "0");
        p.setProperty("data.dir", dir.resolve("data").toString());
        for (int i = 0; i < kv.length; i += 2) p.setProperty(kv[i], kv[i + 1]);
        return GatewayConfig.fromProperties(p);
    }

    private ConfigException rejected(String key, String... kv) {
        ConfigException e = assertThrows(ConfigException.class, () -> Preflight.check(cfg(kv)));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains("is not allowed: "), e.getMessage());
        assertTrue(!e.getMessage().contains("Exception"), e.getMessage());
        return e;
    }

    @Test
    void validConfigPasses() {
        assertDoesNotThrow(() -> Preflight.check(cfg()));
        assertTrue(Files.isDirectory(dir.resolve("data")));
    }

    @Test
    void caFileMustHoldACertificate() throws Exception {
        Path notPem = Files.writeString(dir.resolve("x.pem"), "this is not a certificate\n");
        ConfigException e = rejected("mqtt.tls.caFile", "mqtt.uri", "ssl://127.0.0.1:1", "mqtt.tls.caFile", notPem.toString());
        assertTrue(e.getMessage().contains(notPem.toString()) && e.getMessage().contains("PEM"), e.getMessage());
    }

    @Test
    void bindAddressesMustBeAddressesOfThisMachine() {
        ConfigException e = rejected("broker.bind", "mqtt.uri", "", "broker.bind", "999.1.1.1", "broker.port", "1");
        assertTrue(e.getMessage().contains("999.1.1.1") && e.getMessage().contains("IP address"), e.getMessage());
        rejected("http.bind", "http.bind", "not an address");
        rejected("http.bind", "http.bind", "192.0.2.77"); // a valid address, but not one of this machine
    }

    @Test
    void portInUseNamesThePortKey() throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            ConfigException e = rejected("http.port", "http.port", Integer.toString(s.getLocalPort()));
            assertTrue(e.getMessage().contains("free port"), e.getMessage());
        }
    }

    @Test
    void dataDirMustBeCreatableAndWritable() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        rejected("data.dir", "data.dir", aFile.resolve("sub").toString());
        rejected("data.dir", "data.dir", aFile.toString());
        rejected("store.jdbcUrl", "store.jdbcUrl", "jdbc:sqlite:" + aFile.resolve("sub/events.db"));
    }
}
