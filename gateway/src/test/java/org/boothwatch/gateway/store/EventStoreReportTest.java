package org.boothwatch.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.gateway.model.AlarmRecord;
import org.boothwatch.gateway.model.SiteModel;
import org.boothwatch.gateway.report.Report;
import org.boothwatch.gateway.report.Report.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report as the store streams it (sessions summed per day in SQL) equals the report over the same lists. */
class EventStoreReportTest {
    @TempDir
    Path dir;
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-25T10:00:00Z"));
    final SiteModel model = new SiteModel("s1", time, Duration.ofSeconds(30), Duration.ofSeconds(3));
    EventStore store;
    long seq;
    final List<Session> sessions = new ArrayList<>();
    final List<AlarmRecord> alarms = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = new EventStore("jdbc:sqlite:" + dir.resolve("events.db"), null, null);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void vacated(String site, String booth, String at, long durationS) throws Exception {
        EventPayload p = EventPayload.vacated(Envelope.of(site, booth, "boot", ++seq, Instant.parse(at)), durationS);
        store.addEvent(p, "{}".getBytes(StandardCharsets.UTF_8), Instant.parse(at));
        if (site.equals("s1")) sessions.add(new Session(booth, Instant.parse(at), durationS));
    }

    void alarm(String id, String booth, AlarmType type, String raised, Double ackAfterS) throws Exception {
        Instant r = Instant.parse(raised);
        AlarmRecord a = model.newRecord(booth, AlarmInfo.raised(id, type, r), "boot", ++seq)
                .restore(ackAfterS == null ? null : r.plusMillis((long) (ackAfterS * 1000)), "d", null, null, null, null, null, true);
        store.upsertAlarms(List.of(a), r);
        alarms.add(a);
    }

    @Test
    void streamedReportEqualsTheReportOverTheSameRows() throws Exception {
        vacated("s1", "b01", "2026-11-22T23:59:59.999Z", 30); // the day before the range
        vacated("s1", "b01", "2026-11-23T00:00:00.000Z", 600);
        vacated("s1", "b01", "2026-11-23T23:59:59.999Z", 300);
        vacated("s1", "b02", "2026-11-23T12:00:00.000Z", 90);
        vacated("s1", "b01", "2026-11-24T00:00:00.000Z", 60);
        vacated("s1", "b01", "2026-11-25T00:00:00.000Z", 45); // the day after the range
        vacated("s2", "b01", "2026-11-23T12:00:00.000Z", 999); // another site
        store.addEvent(EventPayload.occupied(Envelope.of("s1", "b03", "boot", ++seq, Instant.parse("2026-11-23T12:00:00Z"))),
                "{}".getBytes(StandardCharsets.UTF_8), Instant.parse("2026-11-23T12:00:00Z"));
        alarm("a1", "b01", AlarmType.PANIC, "2026-11-23T08:10:00Z", 10.0);
        alarm("a2", "b01", AlarmType.STILLNESS, "2026-11-23T08:20:00Z", 20.0);
        alarm("a3", "b01", AlarmType.STILLNESS, "2026-11-23T08:30:00Z", 60.5);
        alarm("a4", "b03", AlarmType.INACTIVITY, "2026-11-24T08:40:00Z", null);
        alarm("a5", "b01", AlarmType.PANIC, "2026-11-25T00:00:00Z", 1.0); // after the range
        store.commit();

        LocalDate from = LocalDate.parse("2026-11-23");
        LocalDate to = LocalDate.parse("2026-11-24");
        Report.Builder streamed = new Report.Builder(from, to, false);
        store.report("s1", Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"), streamed);
        Report.Result r = streamed.result();

        assertEquals(Report.build(from, to, sessions, alarms, false), r);
        assertEquals(List.of("2026-11-23 b01", "2026-11-23 b02", "2026-11-24 b01", "2026-11-24 b03"),
                r.rows().stream().map(row -> row.day() + " " + row.booth()).toList());
        Report.Row b01 = r.rows().get(0);
        assertEquals(2, b01.sessions());
        assertEquals(15.0, b01.occupiedMinutes());
        assertEquals(3, b01.alarmsTotal());
        assertEquals(20.0, b01.ackMedianS());
        assertEquals(60.5, b01.ackMaxS());
        assertEquals(0, r.rows().get(3).sessions());
        assertEquals(1, r.rows().get(3).alarms().get(AlarmType.INACTIVITY));
    }
}
