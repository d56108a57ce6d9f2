package org.boothwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldErr;

    @BeforeEach
    void captureErr() {
        oldErr = System.err;
        System.setErr(new PrintStream(err, true));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(oldErr);
    }

    @Test
    void badConfigValueExits2NamingKeyValueAndAllowedWithoutAStackTrace() throws Exception {
        Path f = dir.resolve("booth.properties");
        Files.writeString(f, "site=site1\nbooth=b01\nmqtt.uri=tcp://localhost:1883\ngpio.provider=gpiod\nwarnAfter=soon\n");
        assertEquals(2, Main.run("--config", f.toString()));
        String msg = err.toString();
        assertTrue(msg.contains("'warnAfter'") && msg.contains("'soon'") && msg.contains("allowed: a duration"), msg);
        assertFalse(msg.contains("Exception") || msg.contains("\tat "), msg);
    }

    @Test
    void missingProviderAndMissingFileAndMissingOptionExit2() throws Exception {
        Path f = dir.resolve("booth.properties");
        Files.writeString(f, "site=site1\nbooth=b01\nmqtt.uri=tcp://localhost:1883\n");
        assertEquals(2, Main.run("--config", f.toString()));
        assertTrue(err.toString().contains("gpio.provider"), err.toString());
        assertEquals(2, Main.run("--config", dir.resolve("nope.properties").toString()));
        assertEquals(2, Main.run());
        assertEquals(2, Main.run("--bogus"));
    }

    @Test
    void queueDirThatCannotBeCreatedExits2BeforeStartUp() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        Path f = dir.resolve("booth.properties");
        Files.writeString(f, "site=site1\nbooth=b01\nmqtt.uri=tcp://127.0.0.1:1\ngpio.provider=mock\nqueue.dir="
                + aFile.resolve("sub").toString().replace("\\", "\\\\") + "\n");
        assertEquals(2, Main.run("--config", f.toString()));
        String msg = err.toString();
        assertTrue(msg.contains("'queue.dir'") && msg.contains(aFile.resolve("sub").toString()) && msg.contains("allowed: a folder"), msg);
        assertFalse(msg.contains("Exception") || msg.contains("\tat "), msg);
        assertEquals(1, msg.strip().lines().count(), msg);
    }

    @Test
    void helpExits0() {
        assertEquals(0, Main.run("--help"));
    }
}
