package org.boothwatch.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New store files get small pages (cheaper commits at many booths); an existing file keeps its own. */
class EventStorePageSizeTest {
    @TempDir
    Path dir;
    private final Instant at = Instant.parse("2026-12-04T09:00:00Z");
    private final byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aNewStoreHasSmallPagesInWalMode() throws Exception {
        Path db = dir.resolve("new.db");
        try (EventStore store = new EventStore("jdbc:sqlite:" + db, null, null)) {
            assertTrue(store.addEvent(EventPayload.occupied(Envelope.of("s1", "b1", "boot", 1, at)), payload, at));
            store.commit();
        }
        assertEquals(EventStore.PAGE_SIZE, pragma(db, "page_size"));
        assertEquals("wal", pragmaText(db, "journal_mode"));
        try (EventStore again = new EventStore("jdbc:sqlite:" + db, null, null)) {
            assertEquals(1, again.countEvents("s1"));
            assertFalse(again.addEvent(EventPayload.occupied(Envelope.of("s1", "b1", "boot", 1, at)), payload, at), "a duplicate");
        }
    }

    @Test
    void anExistingStoreKeepsItsPageSizeAndItsEvents() throws Exception {
        Path db = dir.resolve("old.db");
        try (EventStore store = new EventStore("jdbc:sqlite:" + db, null, null)) {
            store.addEvent(EventPayload.occupied(Envelope.of("s1", "b1", "boot", 1, at)), payload, at);
            store.commit();
        }
        // As a store written before small pages: rebuilt with SQLite's default 4,096 (VACUUM needs journal_mode off WAL).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=DELETE");
            st.execute("PRAGMA page_size=4096");
            st.execute("VACUUM");
            st.execute("PRAGMA journal_mode=WAL");
        }
        assertEquals(4096, pragma(db, "page_size"));
        try (EventStore store = new EventStore("jdbc:sqlite:" + db, null, null)) {
            assertEquals(1, store.countEvents("s1"));
            assertTrue(store.addEvent(EventPayload.occupied(Envelope.of("s1", "b1", "boot", 2, at)), payload, at));
            store.commit();
            assertEquals(2, store.countEvents("s1"));
        }
        assertEquals(4096, pragma(db, "page_size"));
    }

    private static int pragma(Path db, String name) throws SQLException {
        return Integer.parseInt(pragmaText(db, name));
    }

    private static String pragmaText(Path db, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
