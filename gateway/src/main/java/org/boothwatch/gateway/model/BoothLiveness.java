package org.boothwatch.gateway.model;

import java.time.Duration;
import java.time.Instant;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.contract.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether each booth is heard. Any message makes a booth online and resolves its BOOTH_OFFLINE; a Last Will, a
 * clean stop or {@value #MISSED_HEARTBEATS} missed heartbeats make it offline and raise the gateway's own
 * BOOTH_OFFLINE (one at a time per booth). Part of {@link SiteModel}; same thread.
 */
final class BoothLiveness {
    /** Logs as SiteModel, whose part this is: the log lines read as they always did. */
    private static final Logger log = LoggerFactory.getLogger(SiteModel.class);
    static final int MISSED_HEARTBEATS = 3;

    private final String site;
    private final TimeSource time;
    private final Duration offlineAfter;
    private final SiteAlarms alarms;
    private int offlineCounter;
    /** When the message being handled arrived at the gateway (monotonic nanos); -1: now. */
    private long arrivedNanos = -1;

    BoothLiveness(String site, TimeSource time, Duration heartbeatInterval, SiteAlarms alarms) {
        this.site = site;
        this.time = time;
        this.offlineAfter = heartbeatInterval.multipliedBy(MISSED_HEARTBEATS);
        this.alarms = alarms;
    }

    /** See {@link SiteModel#arrivedAt}. */
    void arrivedAt(long nanos) {
        arrivedNanos = nanos;
    }

    /** The booth spoke (a message sent at {@code at}): online again, its BOOTH_OFFLINE resolved. */
    void seen(BoothRecord b, Changes c, Instant at) {
        // The grace period runs from when the message reached us (a retained one: when our subscription
        // delivered it after a restart), never from its 'at', which may be hours old.
        long arrived = arrivedNanos >= 0 ? Math.min(arrivedNanos, time.nanos()) : time.nanos();
        b.lastSeenNanos = Math.max(b.lastSeenNanos, arrived);
        b.lastSeenAt = at;
        // lastSeenAt alone is no display event: the display shows it only for an offline booth, whose going
        // offline sends the booth view. 333 heartbeats a second at 1,000 booths were each a booth event.
        if (b.online) return;
        b.online = true;
        c.booths.add(b.booth);
        for (AlarmRecord a : alarms.activeAt(b.booth)) {
            if (a.type == AlarmType.BOOTH_OFFLINE) {
                a.resolvedAt = time.now();
                a.resolvedBy = ResolvedBy.BOOTH_ONLINE;
                log.info("booth {} back online: {} resolved", b.booth, a);
                c.alarm(a);
            }
        }
    }

    /** Offline when nothing was heard within the grace period, judging silence only up to {@code heardNanos}. */
    void checkSilence(BoothRecord b, long heardNanos, Changes c) {
        if (b.online && heardNanos - b.lastSeenNanos > offlineAfter.toNanos()) {
            goOffline(b, c, MISSED_HEARTBEATS + " heartbeats missed");
        }
    }

    void goOffline(BoothRecord b, Changes c, String why) {
        c.booths.add(b.booth);
        b.online = false;
        boolean already = alarms.activeAt(b.booth).stream().anyMatch(a -> a.type == AlarmType.BOOTH_OFFLINE);
        if (already) return;
        // Wall-clock millis keep ids unique across gateway restarts; the counter within one millisecond.
        String id = "gw-" + b.booth + "-offline-" + time.now().toEpochMilli();
        while (alarms.contains(id)) id = "gw-" + b.booth + "-offline-" + time.now().toEpochMilli() + "-" + (++offlineCounter);
        AlarmRecord a = new AlarmRecord(id, site, b.booth, AlarmType.BOOTH_OFFLINE, AlarmType.BOOTH_OFFLINE.priority,
                time.now(), null, 0, time.nanos(), Duration.ZERO);
        a.reason = why;
        a.boothReachable = false;
        alarms.add(a);
        log.warn("booth {} OFFLINE ({}): {} raised", b.booth, why, a);
        c.alarm(a);
    }
}
