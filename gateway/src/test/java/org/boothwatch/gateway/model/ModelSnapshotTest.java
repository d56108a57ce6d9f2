package org.boothwatch.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.Priority;
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.contract.StatusPayload;
import org.junit.jupiter.api.Test;

/** The read snapshot builds its lists in one pass; it must say exactly what the model's own views say. */
class ModelSnapshotTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));
    final SiteModel model = new SiteModel("demo", time, Duration.ofSeconds(30), Duration.ofSeconds(3));
    final Random random = new Random(7);
    long seq;

    EventPayload event(String booth, EventKind kind, AlarmInfo a) {
        return EventPayload.alarm(Envelope.of("demo", booth, "boot-" + booth, ++seq, time.now()), kind, a);
    }

    @Test
    void agreesWithEachBoothsViewAndTheUrgencyOrderAfterRandomTraffic() {
        List<String> booths = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String b = String.format("b%02d", i);
            booths.add(b);
            model.onStatus(new StatusPayload(1, "demo", b, "boot-" + b, ++seq, time.now(), true, "1.0", Map.of()), false);
        }
        AlarmType[] types = {AlarmType.PANIC, AlarmType.STILLNESS, AlarmType.INACTIVITY, AlarmType.SENSOR_FAULT};
        List<AlarmInfo> raised = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            time.advance(Duration.ofMillis(random.nextInt(3) * 500L)); // equal raisedAt times too: id decides
            int what = random.nextInt(10);
            if (what < 5 || raised.isEmpty()) {
                AlarmInfo a = AlarmInfo.raised("a-" + step, types[random.nextInt(types.length)], time.now());
                raised.add(a);
                model.onEvent(event(booths.get(random.nextInt(booths.size())), EventKind.ALARM_RAISED, a));
            } else {
                AlarmInfo a = raised.get(random.nextInt(raised.size()));
                AlarmRecord r = model.alarm(a.id()).orElseThrow();
                if (what < 8) {
                    model.onEvent(event(r.booth, EventKind.ALARM_RESOLVED,
                            a.resolve(time.now(), ResolvedBy.BOOTH_RESET, "staff", null)));
                } else {
                    model.acknowledge(a.id(), "staff");
                }
            }
            if (step % 37 == 0) check(booths, raised);
        }
        check(booths, raised);
    }

    private void check(List<String> booths, List<AlarmInfo> raised) {
        ModelSnapshot s = ModelSnapshot.of(1, model);
        List<AlarmView> expected = raised.stream().map(a -> model.alarm(a.id()).orElseThrow()).filter(AlarmRecord::active)
                .sorted(SiteModel.URGENCY).map(AlarmRecord::view).toList();
        assertEquals(expected, s.activeAlarms());
        Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
        for (AlarmView v : expected) byPriority.merge(v.priority(), 1L, Long::sum);
        for (Priority p : Priority.values()) assertEquals(byPriority.getOrDefault(p, 0L), s.active(p), p.name());
        assertEquals(booths.size(), s.booths().size());
        for (BoothView v : s.booths()) assertEquals(model.boothView(v.booth()), v, v.booth());
        assertEquals(booths.size(), s.boothsOnline());
        assertEquals(s.booths().stream().map(BoothView::booth).sorted(Comparator.naturalOrder()).toList(),
                s.booths().stream().map(BoothView::booth).toList(), "booths in id order");
    }
}
