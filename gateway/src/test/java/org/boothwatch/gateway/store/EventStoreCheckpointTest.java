package org.boothwatch.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's WAL is checkpointed by the store's own thread, not in the writer's commits, and nothing is lost by it. */
class EventStoreCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void committedEventsReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
        Path db = dir.resolve("events.db");
        Instant at = Instant.parse("2026-12-03T09:00:00Z");
        byte[] payload = ("{\"pad\":\"" + "x".repeat(500) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (EventStore store = new EventStore("jdbc:sqlite:" + db, null, null)) {
            long before = Files.size(db);
            int seq = 0;
            for (int batch = 0; batch < 5; batch++) {
                for (int i = 0; i < 400; i++) {
                    store.addEvent(EventPayload.occupied(Envelope.of("s1", "b" + (i % 50), "boot", ++seq, at)), payload, at);
                }
                store.commit();
            }
            // About 1 MB committed: far more than SQLite's automatic checkpoint (1,000 pages) would leave in the WAL.
            assertTrue(Files.size(dir.resolve("events.db-wal")) > 1_000_000, "commits are in the WAL");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(db) > before + 1_000_000);
            assertEquals(2000, store.countEvents("s1"));
        }
        try (EventStore again = new EventStore("jdbc:sqlite:" + db, null, null)) {
            assertEquals(2000, again.countEvents("s1"));
        }
    }
}
