package org.boothwatch.gateway.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProvisionCommandTest {
    @TempDir Path tmp;
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        ProvisionCommand cmd = new ProvisionCommand(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), new SecureRandom());
        CommandLine cl = new CommandLine(cmd);
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void passwordHashIsWhatMosquittoPasswdWrites() {
        // Written by `mosquitto_passwd -b pw alice secret` (Mosquitto 2.0.11).
        String fromMosquitto = "$7$101$p1BuV0DkW4piYzbi$rz3/W43+xsqeDY0iTiOGdXta1Mftk/M66NU9hJmGYmvQ/xZzr11imwhGWk8/j2Gi4mcbSsKCGhWEOmHbVvjn/A==";
        assertTrue(MosquittoPasswords.matches("secret", fromMosquitto));
        assertFalse(MosquittoPasswords.matches("Secret", fromMosquitto));
        String line = new MosquittoPasswords(new SecureRandom()).line("booth-s-b01", "pw");
        assertTrue(line.matches("booth-s-b01:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}=="), line);
        assertTrue(MosquittoPasswords.matches("pw", line.substring(line.indexOf(':') + 1)));
    }

    @Test
    void writesEveryFileWithSecretsPrivate() throws Exception {
        Path out = tmp.resolve("site");
        assertEquals(0, run("--site", "s1", "--booths", "b01,b02", "--out", out.toString(), "--host", "broker.site", "--host", "10.0.0.5"));
        for (String f : List.of("README.md", "ca/ca.crt", "ca/ca.key", "ca/ca.p12", "mosquitto/mosquitto.conf", "mosquitto/passwd",
                "mosquitto/acl", "mosquitto/certs/server.crt", "mosquitto/certs/server.key", "mosquitto/certs/ca.crt",
                "gateway/gw1.properties", "booths/b01.properties", "booths/b02.properties")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        for (String secret : List.of("ca/ca.key", "mosquitto/passwd", "mosquitto/certs/server.key", "gateway/gw1.properties", "booths/b01.properties")) {
            assertEquals(java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(out.resolve(secret)), secret);
        }
        List<String> users = Files.readAllLines(out.resolve("mosquitto/passwd")).stream()
                .map(l -> l.substring(0, l.indexOf(':'))).collect(Collectors.toList());
        assertEquals(List.of("gateway-s1-gw1", "booth-s1-b01", "booth-s1-b02"), users);

        Properties booth = new Properties();
        booth.load(new ByteArrayInputStream(Files.readAllBytes(out.resolve("booths/b02.properties"))));
        assertEquals("b02", booth.getProperty("booth"));
        assertEquals("booth-s1-b02", booth.getProperty("mqtt.username"));
        assertEquals("ssl://broker.site:8883", booth.getProperty("mqtt.uri"));
        String hashed = Files.readAllLines(out.resolve("mosquitto/passwd")).get(2).split(":", 2)[1];
        assertTrue(MosquittoPasswords.matches(booth.getProperty("mqtt.password"), hashed));

        X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificates(Files.newInputStream(out.resolve("mosquitto/certs/server.crt"))).iterator().next();
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(out.resolve("ca/ca.crt")));
        server.verify(ca.getPublicKey());
        String sans = server.getSubjectAlternativeNames().stream().map(l -> String.valueOf(l.get(1))).collect(Collectors.joining(","));
        assertEquals("broker.site,10.0.0.5,localhost,127.0.0.1", sans);

        String conf = Files.readString(out.resolve("mosquitto/mosquitto.conf"));
        assertTrue(conf.contains("allow_anonymous false") && conf.contains("persistence true") && conf.contains("listener 8883"));
        assertTrue(conf.contains("\nset_tcp_nodelay true\n"), "Nagle off on client sockets");
        // Per-listener options before `listener` would make Mosquitto open a plain default listener on 1883.
        int listener = conf.indexOf("\nlistener ");
        assertTrue(conf.indexOf("use_username_as_clientid") > listener && conf.indexOf("certfile") > listener);
        String acl = Files.readString(out.resolve("mosquitto/acl"));
        assertTrue(acl.contains("user booth-s1-b01\ntopic write boothwatch/v1/s1/booth/b01/status\n"));
        assertFalse(acl.contains("booth/b01/#") || acl.contains("booth/+/"), acl);
    }

    @Test
    void badOptionsExit2NamingTheOption() throws Exception {
        assertEquals(2, run("--site", "Bad Site", "--booths", "b01", "--out", tmp.resolve("a").toString()));
        assertTrue(err.toString().contains("--site='Bad Site' is not allowed"), err.toString());
        assertEquals(2, run("--site", "s", "--booths", "b01,b01", "--out", tmp.resolve("b").toString()));
        assertTrue(err.toString().contains("--booths='b01'"), err.toString());
        assertEquals(2, run("--site", "s", "--booths", "b01,../x", "--out", tmp.resolve("c").toString()));
        assertTrue(err.toString().contains("--booths='../x'"), err.toString());
        assertEquals(2, run("--site", "s", "--booths", "b01", "--out", tmp.resolve("d").toString(), "--host", "bad host!"));
        assertTrue(err.toString().contains("--host='bad host!'"), err.toString());
        assertEquals(2, run("--site", "s", "--booths", "b01", "--out", tmp.resolve("e").toString(), "--port", "70000"));
        assertEquals(2, run("--site", "s", "--booths", "b01"));
        assertTrue(err.toString().contains("--out"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());

        Path used = Files.createDirectories(tmp.resolve("used"));
        Files.writeString(used.resolve("keep.txt"), "x");
        assertEquals(2, run("--site", "s", "--booths", "b01", "--out", used.toString()));
        assertTrue(err.toString().contains("never overwrites"), err.toString());
        assertEquals(List.of(used.resolve("keep.txt")), Files.list(used).collect(Collectors.toList()));
    }
}
