package org.boothwatch.gateway.model;

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

    /** Takes the copy; call only on the thread that owns the model. */
    public static ModelSnapshot of(long version, SiteModel model) {
        List<AlarmView> active = model.activeAlarms().stream().map(AlarmRecord::view).toList();
        Map<Priority, Long> byPriority = active.stream()
                .collect(Collectors.groupingBy(AlarmView::priority, Collectors.counting()));
        return new ModelSnapshot(version, model.boothViews(), active, model.boothsOnline(), byPriority);
    }

    public long active(Priority p) {
        return activeByPriority.getOrDefault(p, 0L);
    }

    /** Booth views by id, for quick look-ups. */
    public Map<String, BoothView> boothsById() {
        return booths.stream().collect(Collectors.toMap(BoothView::booth, Function.identity()));
    }
}
