package org.boothwatch.gateway.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The site's alarms kept in memory, in the order first seen, with an index of the alarms per booth that may still
 * be active (a resolved one is dropped on the next look): building a booth view, on every booth message, must not
 * scan all alarms kept in memory. Resolved alarms never reopen. Part of {@link SiteModel}; same thread.
 */
final class SiteAlarms {
    /** Most urgent first: HIGH before MEDIUM before LOW, then oldest first. */
    static final Comparator<AlarmRecord> URGENCY = Comparator
            .comparing((AlarmRecord a) -> a.priority)
            .thenComparing(a -> a.raisedAt)
            .thenComparing(a -> a.id);

    private final Map<String, AlarmRecord> byId = new LinkedHashMap<>();
    private final Map<String, List<AlarmRecord>> activeByBooth = new HashMap<>();
    /**
     * The alarms that may still be active, kept in {@link #URGENCY} order (its keys never change): a read snapshot
     * walks it instead of sorting. A resolved one is dropped on the next walk.
     */
    private final TreeSet<AlarmRecord> activeSorted = new TreeSet<>(URGENCY);

    AlarmRecord get(String id) {
        return byId.get(id);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    void add(AlarmRecord a) {
        AlarmRecord old = byId.put(a.id, a);
        if (old != null) activeSorted.remove(old);
        activeSorted.add(a);
        activeByBooth.computeIfAbsent(a.booth, k -> new ArrayList<>()).add(a);
    }

    /** Every alarm kept, in the order first seen (live: do not add while iterating). */
    Collection<AlarmRecord> all() {
        return byId.values();
    }

    /**
     * The active alarms, most urgent first. From the per-booth index, not from every alarm kept: taken for each
     * read snapshot, so it must cost what is active, not the (up to 5,000) alarms kept in memory.
     */
    List<AlarmRecord> active() {
        List<AlarmRecord> out = new ArrayList<>(activeSorted.size());
        var it = activeSorted.iterator();
        while (it.hasNext()) {
            AlarmRecord a = it.next();
            if (a.active()) out.add(a);
            else it.remove();
        }
        return out;
    }

    /** The booth's active alarms, in the order they were added (a copy: callers may resolve while iterating). */
    List<AlarmRecord> activeAt(String booth) {
        List<AlarmRecord> list = activeByBooth.get(booth);
        if (list == null) return List.of();
        list.removeIf(a -> !a.active() || byId.get(a.id) != a);
        if (list.isEmpty()) activeByBooth.remove(booth);
        return new ArrayList<>(list);
    }

    /** Forgets the oldest resolved alarms beyond {@code keep} (they stay in the store). */
    void prune(int keep) {
        int excess = byId.size() - keep;
        var it = byId.values().iterator();
        while (excess > 0 && it.hasNext()) {
            if (!it.next().active()) {
                it.remove();
                excess--;
            }
        }
    }
}
