package org.boothwatch.gateway.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.gateway.model.AlarmRecord;
import org.boothwatch.gateway.model.SiteModel;
import org.boothwatch.gateway.report.Report.Session;
import org.junit.jupiter.api.Test;

class ReportTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));
    final SiteModel model = new SiteModel("demo", time, Duration.ofSeconds(30), Duration.ofSeconds(3));

    AlarmRecord alarm(String id, String booth, AlarmType type, String raised, Double ackAfterS) {
        Instant r = Instant.parse(raised);
        AlarmRecord a = model.newRecord(booth, AlarmInfo.raised(id, type, r), "boot", 1);
        return a.restore(ackAfterS == null ? null : r.plusMillis((long) (ackAfterS * 1000)), "d", null, null, null, null, null, true);
    }

    @Test
    void medianAndNearestRankP90() {
        assertEquals(3.0, Report.median(new double[] {1, 3, 9}));
        assertEquals(2.0, Report.median(new double[] {1, 3}));
        assertNull(Report.median(new double[] {}));
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(9.0, Report.percentile(ten, 90));
        assertEquals(5.0, Report.percentile(new double[] {5}, 90));
        assertEquals(10.0, Report.percentile(new double[] {1, 2, 3, 10}, 90));
    }

    @Test
    void rowsPerBoothPerDay() {
        List<Session> sessions = List.of(
                new Session("b01", Instant.parse("2026-11-23T08:00:00Z"), 600),
                new Session("b01", Instant.parse("2026-11-23T09:00:00Z"), 300),
                new Session("b02", Instant.parse("2026-11-23T09:00:00Z"), 90),
                new Session("b01", Instant.parse("2026-11-24T00:00:01Z"), 60));
        List<AlarmRecord> alarms = new ArrayList<>(List.of(
                alarm("1", "b01", AlarmType.PANIC, "2026-11-23T08:10:00Z", 10.0),
                alarm("2", "b01", AlarmType.STILLNESS, "2026-11-23T08:20:00Z", 20.0),
                alarm("3", "b01", AlarmType.STILLNESS, "2026-11-23T08:30:00Z", 60.0),
                alarm("4", "b01", AlarmType.INACTIVITY, "2026-11-23T08:40:00Z", null)));
        Report.Result r = Report.build(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-24"), sessions, alarms, false);
        assertEquals(3, r.rows().size());
        assertFalse(r.training() || r.rows().stream().anyMatch(Report.Row::training), "a normal site's rows are not training");
        Report.Row b01 = r.rows().get(0);
        assertEquals("b01", b01.booth());
        assertEquals(LocalDate.parse("2026-11-23"), b01.day());
        assertEquals(2, b01.sessions());
        assertEquals(15.0, b01.occupiedMinutes());
        assertEquals(4, b01.alarmsTotal());
        assertEquals(2, b01.alarms().get(AlarmType.STILLNESS));
        assertEquals(3, b01.ackCount());
        assertEquals(20.0, b01.ackMedianS());
        assertEquals(60.0, b01.ackP90S());
        assertEquals(60.0, b01.ackMaxS());
        assertEquals(1.5, r.rows().get(1).occupiedMinutes());
        assertNull(r.rows().get(1).ackMedianS());
        assertEquals(LocalDate.parse("2026-11-24"), r.rows().get(2).day());

        String csv = Report.csv(r);
        String[] lines = csv.split("\n");
        assertEquals("day,booth,sessions,occupied_minutes,alarms_total,PANIC,INACTIVITY,STILLNESS,LONG_OCCUPANCY,SENSOR_FAULT,"
                + "BOOTH_OFFLINE,ack_count,ack_median_s,ack_p90_s,ack_max_s,training", lines[0]);
        assertEquals("2026-11-23,b01,2,15.0,4,1,1,2,0,0,0,3,20.0,60.0,60.0,false", lines[1]);
        assertEquals("2026-11-23,b02,1,1.5,0,0,0,0,0,0,0,0,,,,false", lines[2]);
    }

    @Test
    void aTrainingSitesRowsAreMarkedInJsonAndCsv() {
        List<Session> sessions = List.of(new Session("b01", Instant.parse("2026-11-23T08:00:00Z"), 600));
        List<AlarmRecord> alarms = List.of(alarm("1", "b01", AlarmType.PANIC, "2026-11-23T08:10:00Z", 5.0));
        Report.Result r = Report.build(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-23"), sessions, alarms, true);
        assertTrue(r.training());
        assertEquals(1, r.rows().size());
        assertTrue(r.rows().get(0).training());
        String[] lines = Report.csv(r).split("\n");
        assertTrue(lines[0].endsWith(",training"), lines[0]);
        assertEquals("2026-11-23,b01,1,10.0,1,1,0,0,0,0,0,1,5.0,5.0,5.0,true", lines[1]);
    }
}
