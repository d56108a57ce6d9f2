package org.boothwatch.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void badConfigExitsTwoNamingKeyValueAndAllowedWithoutStackTrace() throws Exception {
        Path cfg = Files.writeString(dir.resolve("g.properties"), "http.port=http\n");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(2, Main.run("--config", cfg.toString()));
            assertEquals(2, Main.run("--config", dir.resolve("missing.properties").toString()));
            assertEquals(2, Main.run("--bogus"));
        } finally {
            System.setErr(old);
        }
        String out = err.toString();
        assertTrue(out.contains("gateway: bad config: http.port='http' is not allowed: an integer 0-65535"), out);
        assertTrue(out.contains("--config='" + dir.resolve("missing.properties") + "' is not allowed"), out);
        assertTrue(!out.contains("\tat "), out);
    }

    @Test
    void valuesThatCannotWorkHereExitTwoBeforeStartUp() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "nope\n");
        Path aFile = Files.writeString(dir.resolve("a-file"), "x");
        String base = "site=s1\nmqtt.uri=tcp://127.0.0.1:1\nhttp.bind=127.0.0.1\nhttp.port=0\ndata.dir=" + dir.resolve("d") + "\n";
        String[][] cases = {
                {"mqtt.tls.caFile", "mqtt.uri=ssl://127.0.0.1:1\nmqtt.tls.caFile=" + notPem},
                {"broker.bind", "mqtt.uri=\nbroker.port=1\nbroker.bind=999.1.1.1"},
                {"http.bind", "http.bind=not an address"},
                {"data.dir", "data.dir=" + aFile.resolve("sub")}};
        for (String[] c : cases) {
            Path cfg = Files.writeString(dir.resolve(c[0] + ".properties"), base + c[1] + "\n");
            PrintStream old = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true));
            int rc;
            try {
                rc = Main.run("--config", cfg.toString());
            } finally {
                System.setErr(old);
            }
            String out = err.toString();
            assertEquals(2, rc, c[0] + ": " + out);
            assertTrue(out.contains("gateway: bad config: " + c[0] + "='"), out);
            assertTrue(out.contains("is not allowed: "), out);
            assertTrue(!out.contains("Exception") && !out.contains("\tat "), out);
        }
    }

    @Test
    void startFailureMessageHasNoLibraryExceptionNames() {
        Exception e = new IllegalStateException("gateway start failed: x",
                new RuntimeException("com.hivemq.exceptions.UnrecoverableException: broker could not bind"));
        assertEquals("broker could not bind", Main.plain(e));
    }
}
