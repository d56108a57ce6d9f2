package org.boothwatch.gateway.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Priority;
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.gateway.model.AlarmRecord;
import org.boothwatch.gateway.model.SiteModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable event store: SQLite in WAL mode by default, PostgreSQL through a JDBC URL. Schema is
 * versioned ({@link Schema}). Writes go through one connection used by the gateway's processor thread;
 * every read opens its own connection, so HTTP requests never share the writer's transaction.
 */
public final class EventStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventStore.class);

    private final String url;
    private final Properties props = new Properties();
    private final boolean sqlite;
    private final Connection writer;
    /** The writer's two statements for every message, prepared once (preparing is parsing SQL each time). */
    private PreparedStatement insertEvent;
    private PreparedStatement upsertAlarm;
    private static final String INSERT_EVENT = "INSERT INTO events(site, booth, boot_id, seq, kind, at, received_at, duration_s, alarm_id, alarm_type, payload)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    private static final String UPSERT_ALARM = "INSERT INTO alarms(id, site, booth, type, priority, boot_id, last_seq, raised_at, acknowledged_at,"
            + " acknowledged_by, escalated_at, resolved_at, resolved_by, resolved_by_who, reason, booth_reachable, updated_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET last_seq=excluded.last_seq,"
            + " acknowledged_at=excluded.acknowledged_at, acknowledged_by=excluded.acknowledged_by,"
            + " escalated_at=excluded.escalated_at, resolved_at=excluded.resolved_at, resolved_by=excluded.resolved_by,"
            + " resolved_by_who=excluded.resolved_by_who, reason=excluded.reason,"
            + " booth_reachable=excluded.booth_reachable, updated_at=excluded.updated_at";
    private volatile String lastError;
    /**
     * SQLite only: WAL checkpoints (copying committed pages from the WAL into the database file, with its own fsync)
     * run on this thread and its own connection, not inside the processor's commits. With SQLite's automatic
     * checkpoint (every 1,000 WAL pages) nearly every commit under load also ran a checkpoint: at 1,000 booths a
     * batch of events dirties pages all over the indexes, so one commit alone passed 1,000 pages.
     */
    private final ScheduledExecutorService checkpointer;
    private Connection checkpointConnection; // the checkpointer's thread only
    private long checkpointFailedAtNanos;
    static final long CHECKPOINT_EVERY_MS = 1000;
    /** SQLite page size of a new store file ({@link #createWithSmallPages}). */
    static final int PAGE_SIZE = 1024;

    public EventStore(String url, String username, String password) throws SQLException {
        this.url = url;
        this.sqlite = url.startsWith("jdbc:sqlite:");
        if (username != null) props.setProperty("user", username);
        if (password != null) props.setProperty("password", password);
        if (sqlite) {
            Path file = Path.of(url.substring("jdbc:sqlite:".length()));
            try {
                if (file.getParent() != null) Files.createDirectories(file.getParent());
            } catch (java.io.IOException e) {
                throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
            }
            createWithSmallPages(url, file);
            props.setProperty("journal_mode", "WAL");
            props.setProperty("synchronous", "FULL");
            props.setProperty("busy_timeout", "5000");
            // 16 MB of pages in memory (default 2 MB): at 1,000 booths the events' primary-key index outgrew 2 MB
            // and each insert read pages back from the file.
            props.setProperty("cache_size", "-16000");
            // No generated keys are read: without this the driver matches every INSERT against a regex and
            // queries last_insert_rowid() after it (a quarter of the store's time per event, profiled).
            props.setProperty("jdbc.get_generated_keys", "false");
        }
        this.writer = DriverManager.getConnection(url, props);
        Schema.migrate(writer, sqlite);
        String pages = "";
        if (sqlite) {
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA wal_autocheckpoint=0"); // a connection's own setting: the checkpointer does it
                try (ResultSet rs = st.executeQuery("PRAGMA page_size")) {
                    pages = rs.next() ? ", " + rs.getInt(1) + "-byte pages" : "";
                }
            }
            checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "store-checkpoint");
                t.setDaemon(true);
                return t;
            });
            checkpointer.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_MS, TimeUnit.MILLISECONDS);
        } else {
            checkpointer = null;
        }
        writer.setAutoCommit(false);
        log.info("event store open: {} (schema v{}{})", redact(url), Schema.VERSION, pages);
    }

    /**
     * A new SQLite file gets {@link #PAGE_SIZE}-byte pages. At 1,000 booths each commit dirties about one page per
     * booth in the events' key index and as many in the alarm ids, and writing those pages is most of a commit:
     * a batch of 1,000 events committed in 37 ms with SQLite's 4,096-byte pages and 16–24 ms with 1,024 (2,048:
     * 27 ms; 512: no better than 1,024). The size is fixed when the file is first written and the driver switches
     * to WAL first, so it is set here on a connection of its own. An existing file keeps its page size.
     */
    private static void createWithSmallPages(String url, Path file) throws SQLException {
        try {
            if (Files.exists(file) && Files.size(file) > 0) return;
        } catch (java.io.IOException e) {
            throw new SQLException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size=" + PAGE_SIZE);
            st.execute("PRAGMA journal_mode=WAL"); // the first write: the page size is now the file's
        }
    }

    /**
     * Inserts an event unless its (site, booth, bootId, seq) is already stored; false for a duplicate. The stored
     * JSON is {@code received}, the payload as it arrived (already validated into {@code p}): what the booth said,
     * fields this gateway does not know included, and no second serialization per event.
     */
    public boolean addEvent(EventPayload p, byte[] received, Instant receivedAt) throws SQLException {
        if (insertEvent == null) insertEvent = writer.prepareStatement(INSERT_EVENT);
        PreparedStatement st = insertEvent;
        st.setString(1, p.site());
        st.setString(2, p.booth());
        st.setString(3, p.bootId());
        st.setLong(4, p.seq());
        st.setString(5, p.kind().name());
        st.setString(6, Json.format(p.at()));
        st.setString(7, Json.format(receivedAt));
        if (p.durationS() != null) st.setLong(8, p.durationS()); else st.setNull(8, java.sql.Types.BIGINT);
        st.setString(9, p.alarm() == null ? null : p.alarm().id());
        st.setString(10, p.alarm() == null ? null : p.alarm().type().name());
        st.setString(11, new String(received, StandardCharsets.UTF_8));
        return st.executeUpdate() == 1;
    }

    public void upsertAlarms(Collection<AlarmRecord> alarms, Instant now) throws SQLException {
        if (alarms.isEmpty()) return;
        if (upsertAlarm == null) upsertAlarm = writer.prepareStatement(UPSERT_ALARM);
        PreparedStatement st = upsertAlarm;
        try {
            for (AlarmRecord a : alarms) {
                st.setString(1, a.id);
                st.setString(2, a.site);
                st.setString(3, a.booth);
                st.setString(4, a.type.name());
                st.setString(5, a.priority.name());
                st.setString(6, a.bootId);
                st.setLong(7, a.lastSeq());
                st.setString(8, Json.format(a.raisedAt));
                st.setString(9, fmt(a.acknowledgedAt()));
                st.setString(10, a.acknowledgedBy());
                st.setString(11, fmt(a.escalatedAt()));
                st.setString(12, fmt(a.resolvedAt()));
                st.setString(13, a.resolvedBy() == null ? null : a.resolvedBy().name());
                st.setString(14, a.resolvedByWho());
                st.setString(15, a.reason());
                st.setInt(16, a.boothReachable() ? 1 : 0);
                st.setString(17, Json.format(now));
                st.addBatch();
            }
            st.executeBatch();
        } finally {
            st.clearBatch(); // a failed batch must not go out again with the next one
        }
    }

    /** Records a command sent (or not) to a booth: who asked, when, and whether the broker took it. */
    public void addCommand(Instant at, String site, String booth, String alarmId, String cmd, String by, String reason,
                           boolean handedToBroker) throws SQLException {
        String sql = "INSERT INTO commands(at, site, booth, alarm_id, cmd, by_who, reason, handed_to_broker) VALUES (?,?,?,?,?,?,?,?)";
        try (PreparedStatement st = writer.prepareStatement(sql)) {
            st.setString(1, Json.format(at));
            st.setString(2, site);
            st.setString(3, booth);
            st.setString(4, alarmId);
            st.setString(5, cmd);
            st.setString(6, by);
            st.setString(7, reason);
            st.setInt(8, handedToBroker ? 1 : 0);
            st.executeUpdate();
        }
    }

    public void commit() throws SQLException {
        try {
            writer.commit();
            lastError = null;
        } catch (SQLException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    public void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            lastError = e.getMessage();
            log.error("store rollback failed: {}", e.getMessage());
        }
    }

    public void failed(SQLException e) {
        lastError = e.getMessage();
    }

    /** Null when healthy, else why not. */
    public String problem() {
        try {
            if (!writer.isValid(2)) return "event store connection is not valid";
        } catch (SQLException e) {
            return "event store: " + e.getMessage();
        }
        return lastError == null ? null : "event store: last write failed: " + lastError;
    }

    /** Active alarms of a site, to restore the live state after a gateway restart. */
    public List<AlarmRecord> activeAlarms(String site, SiteModel model) throws SQLException {
        List<AlarmRecord> out = new ArrayList<>();
        try (Connection c = read();
             PreparedStatement st = c.prepareStatement("SELECT * FROM alarms WHERE site=? AND resolved_at IS NULL ORDER BY raised_at")) {
            st.setString(1, site);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.add(record(rs, model));
            }
        }
        return out;
    }

    /**
     * At most {@code limit} alarms raised in [from, to), oldest first (then by id), starting after the alarm
     * {@code afterId} when given (the last of the previous page): a history query holds one page in memory, not a
     * year of alarms.
     */
    public List<AlarmRecord> alarmsRaised(String site, Instant from, Instant to, String afterId, int limit, SiteModel model)
            throws SQLException {
        String sql = "SELECT * FROM alarms WHERE site=? AND raised_at>=? AND raised_at<?"
                + (afterId == null ? "" : " AND (raised_at, id) > (SELECT raised_at, id FROM alarms WHERE id=?)")
                + " ORDER BY raised_at, id LIMIT ?";
        List<AlarmRecord> out = new ArrayList<>();
        try (Connection c = read(); PreparedStatement st = c.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, site);
            st.setString(i++, Json.format(from));
            st.setString(i++, Json.format(to));
            if (afterId != null) st.setString(i++, afterId);
            st.setInt(i, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.add(record(rs, model));
            }
        }
        return out;
    }

    /** What a report is made of, as {@link #report} streams it. */
    public interface ReportSink {
        /** {@code count} sessions of a booth that ended on {@code day} (UTC), {@code seconds} occupied in all. */
        void sessions(String booth, LocalDate day, long count, long seconds);

        /** One alarm raised in the range; {@code acknowledgedAt} null when never acknowledged. */
        void alarm(String booth, AlarmType type, Instant raisedAt, Instant acknowledgedAt);
    }

    /**
     * Feeds {@code sink} the sessions (VACATED events, summed per booth and UTC day in SQL) and the alarms raised in
     * [from, to), row by row: a report of a year does not hold a year of rows in memory.
     */
    public void report(String site, Instant from, Instant to, ReportSink sink) throws SQLException {
        // Stored times are UTC ISO-8601 with milliseconds (Json.format), so their first 10 characters are the UTC day.
        String sessions = "SELECT booth, substr(at, 1, 10), COUNT(*), COALESCE(SUM(duration_s), 0) FROM events"
                + " WHERE site=? AND kind='VACATED' AND at>=? AND at<? GROUP BY booth, substr(at, 1, 10)";
        String alarms = "SELECT booth, type, raised_at, acknowledged_at FROM alarms WHERE site=? AND raised_at>=? AND raised_at<?";
        try (Connection c = read()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement st = rangeQuery(c, sessions, site, from, to); ResultSet rs = st.executeQuery()) {
                while (rs.next()) sink.sessions(rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getLong(3), rs.getLong(4));
            }
            try (PreparedStatement st = rangeQuery(c, alarms, site, from, to); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sink.alarm(rs.getString(1), AlarmType.valueOf(rs.getString(2)), Instant.parse(rs.getString(3)),
                            parse(rs.getString(4)));
                }
            }
            c.rollback(); // read only
        }
    }

    private static PreparedStatement rangeQuery(Connection c, String sql, String site, Instant from, Instant to)
            throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        st.setFetchSize(1_000);
        st.setString(1, site);
        st.setString(2, Json.format(from));
        st.setString(3, Json.format(to));
        return st;
    }

    public long countEvents(String site) throws SQLException {
        try (Connection c = read(); PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM events WHERE site=?")) {
            st.setString(1, site);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static AlarmRecord record(ResultSet rs, SiteModel model) throws SQLException {
        AlarmType type = AlarmType.valueOf(rs.getString("type"));
        AlarmInfo info = new AlarmInfo(rs.getString("id"), type, Priority.valueOf(rs.getString("priority")),
                Instant.parse(rs.getString("raised_at")), null, null, null, null, null);
        String resolvedBy = rs.getString("resolved_by");
        return model.newRecord(rs.getString("booth"), info, rs.getString("boot_id"), rs.getLong("last_seq")).restore(
                parse(rs.getString("acknowledged_at")), rs.getString("acknowledged_by"), parse(rs.getString("escalated_at")),
                parse(rs.getString("resolved_at")), resolvedBy == null ? null : ResolvedBy.valueOf(resolvedBy),
                rs.getString("resolved_by_who"), rs.getString("reason"), rs.getInt("booth_reachable") == 1);
    }

    private Connection read() throws SQLException {
        return DriverManager.getConnection(url, props);
    }

    private static String fmt(Instant t) {
        return t == null ? null : Json.format(t);
    }

    private static Instant parse(String s) {
        return s == null ? null : Instant.parse(s);
    }

    static String redact(String url) {
        return url.replaceAll("password=[^&;]*", "password=***");
    }

    /**
     * One PASSIVE checkpoint: copies what no reader still needs and never waits for the writer or the readers. A
     * failure is logged (at most once a minute) and retried on a new connection; until one succeeds the WAL only
     * grows, nothing committed is lost.
     */
    private void checkpoint() {
        try {
            if (checkpointConnection == null) checkpointConnection = DriverManager.getConnection(url, props);
            try (Statement st = checkpointConnection.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException | RuntimeException e) {
            long now = System.nanoTime();
            if (checkpointFailedAtNanos == 0 || now - checkpointFailedAtNanos > 60_000_000_000L) {
                checkpointFailedAtNanos = now;
                log.warn("event store checkpoint failed (retried every {} ms; the WAL grows until one succeeds): {}",
                        CHECKPOINT_EVERY_MS, e.getMessage());
            }
            closeQuietly(checkpointConnection);
            checkpointConnection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing a store connection: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.shutdown();
            try {
                if (!checkpointer.awaitTermination(5, TimeUnit.SECONDS)) checkpointer.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(checkpointConnection); // the writer, closed last, checkpoints what is left
        }
        try {
            writer.close();
        } catch (SQLException e) {
            log.warn("closing the event store: {}", e.getMessage());
        }
    }
}
