package org.boothwatch.gateway.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.boothwatch.contract.Priority;

/**
 * An immutable copy of the model's views, published by the processor after each processed batch, so reads
 * (HTTP API, metrics, new display streams) never wait behind a backlog. {@code version} orders it against
 * the display events broadcast by the processor (events with a higher version are newer than this copy).
 */
public record ModelSnapshot(long version, List<BoothView> booths, List<AlarmView> activeAlarms, long boothsOnline,
                            Map<Priority, Long> activeByPriority) {
    public static final ModelSnapshot EMPTY = new ModelSnapshot(0, List.of(), List.of(), 0, Map.of());

    public ModelSnapshot {
        booths = List.copyOf(booths);
        activeAlarms = List.copyOf(activeAlarms);
        activeByPriority = Map.copyOf(activeByPriority);
    }

    /** Takes the copy; call only on the thread that owns the model. Each active alarm's view is built once. */
    public static ModelSnapshot of(long version, SiteModel model) {
        List<AlarmRecord> records = model.activeAlarms();
        List<AlarmView> active = new ArrayList<>(records.size());
        Map<String, List<AlarmView>> byBooth = new HashMap<>();
        Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
        for (AlarmRecord a : records) {
            AlarmView v = a.view();
            active.add(v);
            byBooth.computeIfAbsent(a.booth, k -> new ArrayList<>(2)).add(v);
            byPriority.merge(v.priority(), 1L, Long::sum);
        }
        byBooth.replaceAll((booth, views) -> List.copyOf(views));
        return new ModelSnapshot(version, model.boothViews(byBooth), active, model.boothsOnline(), byPriority);
    }

    public long active(Priority p) {
        return activeByPriority.getOrDefault(p, 0L);
    }

    /** Booth views by id, for quick look-ups. */
    public Map<String, BoothView> boothsById() {
        return booths.stream().collect(Collectors.toMap(BoothView::booth, Function.identity()));
    }
}
