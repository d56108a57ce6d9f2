package org.boothwatch.agent.selftest;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the selftest prints, read in order: {@link #awaitText} waits for the next occurrence after the last one found. */
final class Screen {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private int cursor;

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Waits (Awaitility, no sleeping) until {@code s} appears after the cursor, and moves the cursor past it. */
    void awaitText(String s) {
        await("'" + s + "' in the selftest output").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> text().indexOf(s, cursor) >= 0);
        cursor = text().indexOf(s, cursor) + s.length();
    }
}
