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
}
