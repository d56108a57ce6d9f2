package org.boothwatch.gateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Versioned schema: each entry of MIGRATIONS moves the store one version up, in a transaction. */
final class Schema {
    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE events (
                      site TEXT NOT NULL, booth TEXT NOT NULL, boot_id TEXT NOT NULL, seq BIGINT NOT NULL,
                      kind TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL, duration_s BIGINT,
                      alarm_id TEXT, alarm_type TEXT, payload TEXT NOT NULL,
                      PRIMARY KEY (site, booth, boot_id, seq))""",
                    "CREATE INDEX events_at ON events(site, at)",
                    """
                    CREATE TABLE alarms (
                      id TEXT PRIMARY KEY, site TEXT NOT NULL, booth TEXT NOT NULL, type TEXT NOT NULL,
                      priority TEXT NOT NULL, boot_id TEXT, last_seq BIGINT NOT NULL, raised_at TEXT NOT NULL,
                      acknowledged_at TEXT, acknowledged_by TEXT, escalated_at TEXT, resolved_at TEXT,
                      resolved_by TEXT, resolved_by_who TEXT, reason TEXT, booth_reachable INTEGER NOT NULL,
                      updated_at TEXT NOT NULL)""",
                    "CREATE INDEX alarms_raised ON alarms(site, raised_at)",
                    """
                    CREATE TABLE commands (
                      at TEXT NOT NULL, site TEXT NOT NULL, booth TEXT NOT NULL, alarm_id TEXT, cmd TEXT NOT NULL,
                      by_who TEXT, reason TEXT, handed_to_broker INTEGER NOT NULL)"""));
    static final int VERSION = MIGRATIONS.size();

    private Schema() {}

    static void migrate(Connection c, boolean sqlite) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        int current = current(c);
        if (current > VERSION) {
            throw new SQLException("event store schema v" + current + " is newer than this gateway (v" + VERSION + ")");
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (int v = current; v < VERSION; v++) {
                for (String sql : MIGRATIONS.get(v)) st.execute(sql);
                st.execute("DELETE FROM schema_version");
                st.execute("INSERT INTO schema_version(version) VALUES (" + (v + 1) + ")");
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static int current(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
