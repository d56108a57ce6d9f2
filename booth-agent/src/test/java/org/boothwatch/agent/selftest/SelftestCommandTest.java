package org.boothwatch.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.boothwatch.agent.Main;
import org.boothwatch.agent.SelftestCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code booth-agent selftest}: bad options and configs are rejected before any GPIO or broker is touched. */
class SelftestCommandTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldErr;

    @BeforeEach
    void captureErr() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(oldErr);
    }

    int selftest(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new CommandLine(new SelftestCommand(new StringReader(""), o, e)).execute(args);
    }

    Path config(String extra) throws Exception {
        Path f = dir.resolve("booth.properties");
        Files.writeString(f, "site=site1\nbooth=b01\nmqtt.uri=tcp://127.0.0.1:1\ngpio.provider=mock\n"
                + "queue.dir=" + dir.resolve("q") + "\n" + extra);
        return f;
    }

    @Test
    void badConfigValueExits2ThroughMainNamingKeyValueAndAllowed() throws Exception {
        Path f = config("input.panic.activeLevel=sideways\n");
        assertEquals(2, new CommandLine(new Main()).execute("selftest", "--config", f.toString()));
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("'input.panic.activeLevel'") && msg.contains("'sideways'") && msg.contains("allowed: high | low"), msg);
        assertFalse(msg.contains("Exception") || msg.contains("\tat "), msg);
    }

    @Test
    void missingConfigMissingFileAndUnknownOptionExit2() throws Exception {
        assertEquals(2, selftest());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--config'"));
        assertEquals(2, selftest("--config", dir.resolve("nope.properties").toString()));
        assertEquals(2, selftest("--config", config("").toString(), "--bogus"));
    }

    @Test
    void badStepTimeoutExits2NamingTheOption() throws Exception {
        Path f = config("");
        assertEquals(2, selftest("--config", f.toString(), "--step-timeout", "forever"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'--step-timeout' has value 'forever'; allowed: a duration"), err.toString());
        assertEquals(2, selftest("--config", f.toString(), "--step-timeout", "500ms"));
        assertEquals(2, selftest("--config", f.toString(), "--gateway-wait", "2h"));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was started");
    }

    @Test
    void unusableCaFileExits2() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "not a certificate\n");
        Path f = dir.resolve("tls.properties");
        Files.writeString(f, "site=site1\nbooth=b01\nmqtt.uri=ssl://127.0.0.1:8883\ngpio.provider=mock\nmqtt.tls.caFile=" + ca + "\n");
        assertEquals(2, selftest("--config", f.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'mqtt.tls.caFile'"), err.toString());
    }

    @Test
    void helpExits0() {
        assertEquals(0, new CommandLine(new Main()).execute("selftest", "--help"));
    }
}
