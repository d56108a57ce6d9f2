package org.boothwatch.gateway.model;

import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.contract.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff acknowledging and resolving alarms from the display, and the commands that carry it to the booth: a
 * command that could not reach the booth is sent again once the booth is online. The gateway's own alarms
 * (BOOTH_OFFLINE) need no command. Part of {@link SiteModel}; same thread.
 */
final class AlarmCommands {
    /** Logs as SiteModel, whose part this is: the log lines read as they always did. */
    private static final Logger log = LoggerFactory.getLogger(SiteModel.class);

    private final TimeSource time;

    AlarmCommands(TimeSource time) {
        this.time = time;
    }

    /** Staff acknowledged an active alarm; {@code boothOnline}: whether its booth can be reached now. */
    void acknowledge(AlarmRecord a, String by, boolean boothOnline, Changes c) {
        if (a.acknowledgedAt == null) {
            a.acknowledgedAt = time.now();
            a.acknowledgedBy = by;
            log.info("alarm {} acknowledged by {}", a, by);
        }
        a.boothReachable = boothOnline;
        if (!a.gatewayOwned()) c.commands.add(new Changes.Command(a.booth, CommandType.ACKNOWLEDGE, a.id, by, null));
        c.alarm(a);
    }

    /** Staff resolved an active alarm with a reason; {@code boothOnline}: whether its booth can be reached now. */
    void resolve(AlarmRecord a, String by, String reason, boolean boothOnline, Changes c) {
        a.resolvedAt = time.now();
        a.resolvedBy = ResolvedBy.REMOTE;
        a.resolvedByWho = by;
        a.reason = reason;
        a.boothReachable = boothOnline;
        log.info("alarm {} resolved remotely by {}: {}", a, by, reason);
        if (!a.gatewayOwned()) c.commands.add(new Changes.Command(a.booth, CommandType.RESOLVE, a.id, by, reason));
        c.alarm(a);
    }

    /** A command for this alarm could not be handed to the broker. */
    void unreachable(AlarmRecord a, Changes c) {
        if (a.boothReachable) {
            a.boothReachable = false;
            c.alarm(a);
        }
    }

    /**
     * The booth is reachable again: send the command that could not reach it. The broker may have queued the
     * first one for the booth's persistent session too; the agent ignores a repeat.
     */
    void resend(AlarmRecord a, Changes c) {
        if (!a.active() && a.resolvedBy == ResolvedBy.REMOTE) {
            c.commands.add(new Changes.Command(a.booth, CommandType.RESOLVE, a.id, a.resolvedByWho, a.reason));
        } else if (a.active() && a.acknowledgedAt != null) {
            c.commands.add(new Changes.Command(a.booth, CommandType.ACKNOWLEDGE, a.id, a.acknowledgedBy, null));
        }
        a.boothReachable = true;
        c.alarm(a);
    }
}
