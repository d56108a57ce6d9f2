package org.boothwatch.agent.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.ResolvedBy;

/** The active alarms (at most one per type), the recently resolved ones, and the events their changes emit. */
final class AlarmBook {
    private static final int RECENT_LIMIT = 200;

    private final String idPrefix;
    private final List<MachineEvent> out;
    private final Map<String, AlarmInfo> active = new LinkedHashMap<>();
    private final Map<AlarmType, String> activeByType = new EnumMap<>(AlarmType.class);
    private final Map<String, AlarmInfo> recentlyResolved = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AlarmInfo> eldest) {
            return size() > RECENT_LIMIT;
        }
    };
    private long counter;

    AlarmBook(String idPrefix, List<MachineEvent> out) {
        this.idPrefix = idPrefix;
        this.out = out;
    }

    boolean isActive(AlarmType type) {
        return activeByType.containsKey(type);
    }

    Optional<AlarmInfo> activeOf(AlarmType type) {
        return Optional.ofNullable(activeByType.get(type)).map(active::get);
    }

    Collection<AlarmInfo> active() {
        return List.copyOf(active.values());
    }

    Optional<AlarmInfo> get(String id) {
        return Optional.ofNullable(active.get(id));
    }

    boolean wasResolved(String id) {
        return recentlyResolved.containsKey(id);
    }

    /** Raises an alarm of this type unless one is already active. */
    void raise(AlarmType type, Instant at) {
        if (isActive(type)) return;
        AlarmInfo a = AlarmInfo.raised(idPrefix + "-" + (++counter), type, at);
        put(a);
        out.add(MachineEvent.alarm(EventKind.ALARM_RAISED, at, a));
    }

    /** Restores an alarm that was active before a restart (no event: it was already raised). */
    void restore(AlarmInfo a) {
        if (!a.active() || isActive(a.type())) return;
        put(a);
    }

    void acknowledge(String id, Instant at, String by) {
        AlarmInfo a = active.get(id).acknowledge(at, by);
        active.put(id, a);
        out.add(MachineEvent.alarm(EventKind.ALARM_ACKNOWLEDGED, at, a));
    }

    void resolve(AlarmType type, Instant at, ResolvedBy how) {
        String id = activeByType.get(type);
        if (id != null) resolve(id, at, how, null, null);
    }

    void resolve(String id, Instant at, ResolvedBy how, String by, String reason) {
        AlarmInfo a = active.remove(id);
        if (a == null) return;
        activeByType.remove(a.type());
        AlarmInfo r = a.resolve(at, how, by, reason);
        recentlyResolved.put(id, r);
        out.add(MachineEvent.alarm(EventKind.ALARM_RESOLVED, at, r));
    }

    /** Resolves every active alarm matching the filter; returns how many. */
    int resolveAll(java.util.function.Predicate<AlarmInfo> which, Instant at, ResolvedBy how) {
        int n = 0;
        for (AlarmInfo a : new ArrayList<>(active.values())) {
            if (which.test(a)) {
                resolve(a.id(), at, how, null, null);
                n++;
            }
        }
        return n;
    }

    private void put(AlarmInfo a) {
        active.put(a.id(), a);
        activeByType.put(a.type(), a.id());
    }
}
