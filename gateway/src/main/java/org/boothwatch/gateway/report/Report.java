package org.boothwatch.gateway.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.gateway.model.AlarmRecord;
import org.boothwatch.gateway.store.EventStore;

/**
 * Per booth and per UTC day: sessions, occupied minutes, alarms by type, time to acknowledge. Pure maths over
 * sessions (VACATED events) and alarms; sessions count on the day they ended, alarms on the day raised.
 * The gateway feeds a {@link Builder} from the store ({@link EventStore#report}); {@link #build} takes lists.
 * A training site's rows (drills, not real sessions) carry {@code training=true}, also as the CSV's last column.
 */
public final class Report {
    public record Row(LocalDate day, String booth, int sessions, double occupiedMinutes, Map<AlarmType, Integer> alarms,
                      int alarmsTotal, int ackCount, Double ackMedianS, Double ackP90S, Double ackMaxS, boolean training) {}

    public record Result(LocalDate from, LocalDate to, List<Row> rows, boolean training) {}

    /** One occupancy session, from its VACATED event. */
    public record Session(String booth, Instant vacatedAt, long durationS) {}

    private Report() {}

    /** @param training the site is a training site (Ids.isTrainingSite): every row is marked */
    public static Result build(LocalDate from, LocalDate to, List<Session> sessions, List<AlarmRecord> alarms,
                               boolean training) {
        Builder b = new Builder(from, to, training);
        for (Session s : sessions) b.sessions(s.booth(), day(s.vacatedAt()), 1, s.durationS());
        for (AlarmRecord r : alarms) b.alarm(r.booth, r.type, r.raisedAt, r.acknowledgedAt());
        return b.result();
    }

    /**
     * Takes a report's facts one at a time, as the store streams them: it holds one accumulator per (day, booth)
     * and one number per acknowledged alarm, not the sessions and alarms of up to a year.
     */
    public static final class Builder implements EventStore.ReportSink {
        private final LocalDate from;
        private final LocalDate to;
        private final boolean training;
        private final Map<String, Acc> acc = new TreeMap<>();

        public Builder(LocalDate from, LocalDate to, boolean training) {
            this.from = from;
            this.to = to;
            this.training = training;
        }

        @Override
        public void sessions(String booth, LocalDate day, long count, long seconds) {
            if (day.isBefore(from) || day.isAfter(to)) return;
            Acc a = acc(day, booth);
            a.sessions += Math.toIntExact(count);
            a.occupiedSeconds += seconds;
        }

        @Override
        public void alarm(String booth, AlarmType type, Instant raisedAt, Instant acknowledgedAt) {
            LocalDate day = day(raisedAt);
            if (day.isBefore(from) || day.isAfter(to)) return;
            Acc a = acc(day, booth);
            a.alarms.merge(type, 1, Integer::sum);
            if (acknowledgedAt != null) a.ack(Math.max(0, Duration.between(raisedAt, acknowledgedAt).toMillis()) / 1000.0);
        }

        public Result result() {
            List<Row> rows = new ArrayList<>();
            for (Acc a : acc.values()) rows.add(a.row(training));
            return new Result(from, to, rows, training);
        }

        private Acc acc(LocalDate day, String booth) {
            return acc.computeIfAbsent(day + "|" + booth, k -> new Acc(day, booth));
        }
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Median: the middle value, or the mean of the two middle values. */
    public static Double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return null;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Nearest-rank percentile: the smallest value with at least p% of values at or below it. */
    public static Double percentile(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) return null;
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
    }

    public static String csv(Result r) {
        StringBuilder sb = new StringBuilder("day,booth,sessions,occupied_minutes,alarms_total");
        for (AlarmType t : AlarmType.values()) sb.append(',').append(t.name());
        sb.append(",ack_count,ack_median_s,ack_p90_s,ack_max_s,training\n");
        for (Row row : r.rows()) {
            sb.append(row.day()).append(',').append(row.booth()).append(',').append(row.sessions()).append(',')
                    .append(num(row.occupiedMinutes())).append(',').append(row.alarmsTotal());
            for (AlarmType t : AlarmType.values()) sb.append(',').append(row.alarms().getOrDefault(t, 0));
            sb.append(',').append(row.ackCount()).append(',').append(num(row.ackMedianS())).append(',')
                    .append(num(row.ackP90S())).append(',').append(num(row.ackMaxS())).append(',')
                    .append(row.training()).append('\n');
        }
        return sb.toString();
    }

    private static String num(Double d) {
        if (d == null) return "";
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    private static final class Acc {
        final LocalDate day;
        final String booth;
        int sessions;
        long occupiedSeconds;
        final Map<AlarmType, Integer> alarms = new EnumMap<>(AlarmType.class);
        double[] ackSeconds = new double[4];
        int ackCount;

        Acc(LocalDate day, String booth) {
            this.day = day;
            this.booth = booth;
        }

        void ack(double seconds) {
            if (ackCount == ackSeconds.length) ackSeconds = Arrays.copyOf(ackSeconds, ackCount * 2);
            ackSeconds[ackCount++] = seconds;
        }

        Row row(boolean training) {
            double[] acks = Arrays.copyOf(ackSeconds, ackCount);
            Arrays.sort(acks);
            int total = alarms.values().stream().mapToInt(Integer::intValue).sum();
            return new Row(day, booth, sessions, Math.round(occupiedSeconds / 60.0 * 10) / 10.0, new LinkedHashMap<>(alarms),
                    total, acks.length, median(acks), percentile(acks, 90), acks.length == 0 ? null : acks[acks.length - 1], training);
        }
    }
}
