package org.boothwatch.gateway.model;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.HeartbeatPayload;
import org.boothwatch.contract.Ids;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live booths and alarms of one site. Pure: no I/O and no threads; each step returns the
 * {@link Changes} the gateway must store, push and send. Time comes only from the injected TimeSource.
 * Not thread-safe: the gateway drives it from one thread. Its parts: {@link SiteAlarms} (the alarms kept),
 * {@link BoothLiveness} (online, offline, BOOTH_OFFLINE), {@link Escalation}, {@link AlarmCommands} (staff
 * acknowledge and resolve, resends) and {@link BoothTests} (remote TESTs).
 */
public final class SiteModel {
    private static final Logger log = LoggerFactory.getLogger(SiteModel.class);
    public static final int MISSED_HEARTBEATS = BoothLiveness.MISSED_HEARTBEATS;
    /** A TEST with no TEST_RESULT within this shows as NO_ANSWER (a failed test). */
    public static final Duration TEST_ANSWER_WITHIN = BoothTests.ANSWER_WITHIN;

    /** Most urgent first: HIGH before MEDIUM before LOW, then oldest first. */
    public static final Comparator<AlarmRecord> URGENCY = SiteAlarms.URGENCY;

    private final String site;
    /** A training site (Ids.isTrainingSite): every view says so. */
    private final boolean training;
    private final TimeSource time;
    /** In id order, for views and ticks; {@link #byId} finds one (every message looks its booth up). */
    private final Map<String, BoothRecord> booths = new TreeMap<>();
    private final Map<String, BoothRecord> byId = new HashMap<>();
    private final SiteAlarms alarms = new SiteAlarms();
    private final BoothLiveness liveness;
    private final Escalation escalation;
    private final AlarmCommands commands;
    private final BoothTests tests;

    public SiteModel(String site, TimeSource time, Duration escalateAfter, Duration heartbeatInterval) {
        this.site = site;
        this.training = Ids.isTrainingSite(site);
        this.time = time;
        this.liveness = new BoothLiveness(site, time, heartbeatInterval, alarms);
        this.escalation = new Escalation(time, escalateAfter);
        this.commands = new AlarmCommands(time);
        this.tests = new BoothTests(time);
    }

    /** Puts back an active alarm from the store after a gateway restart. */
    public void restore(AlarmRecord a) {
        alarms.add(a);
        BoothRecord b = booth(a.booth);
        if (a.type == AlarmType.BOOTH_OFFLINE) b.online = false;
    }

    /** A new AlarmRecord first seen now. */
    public AlarmRecord newRecord(String booth, AlarmInfo info, String bootId, long seq) {
        return new AlarmRecord(info.id(), site, booth, info.type(), info.priority(), info.raisedAt(), bootId, seq,
                time.nanos(), escalation.ageNow(info.raisedAt()));
    }

    public Changes onStatus(StatusPayload p, boolean retained) {
        Changes c = new Changes();
        BoothRecord b = booth(p.booth());
        c.booths.add(b.booth);
        if (p.online()) {
            if (b.retired(p.bootId())) return ignore("birth of retired bootId " + p.bootId() + " at " + b.booth);
            b.adopt(p.bootId());
            b.agentVersion = p.agentVersion();
            b.config = p.config() == null ? Map.of() : p.config();
            liveness.seen(b, c, p.at());
            if (!retained) log.info("booth {} online (bootId {}, agent {})", b.booth, p.bootId(), p.agentVersion());
        } else {
            if (b.bootId != null && !b.bootId.equals(p.bootId())) {
                return ignore("last will of older bootId " + p.bootId() + " at " + b.booth + " (current " + b.bootId + ")");
            }
            if (b.bootId == null) b.adopt(p.bootId());
            // The will is built when the agent connects, so its seq is older than what followed; a clean stop's
            // status is the agent's newest message (seqGap has already recorded it). Both leave the booth unseen.
            boolean clean = !retained && p.bootId().equals(b.lastSeqBootId) && p.seq() >= b.lastSeq;
            liveness.goOffline(b, c, clean ? "clean stop" : retained ? "offline (retained status)" : "last will");
        }
        return c;
    }

    public Changes onState(StatePayload p, boolean retained) {
        Changes c = new Changes();
        BoothRecord b = booth(p.booth());
        if (b.retired(p.bootId())) return ignore("state of retired bootId " + p.bootId() + " at " + b.booth);
        if (p.bootId().equals(b.stateBootId) && p.seq() <= b.stateSeq) return ignore("stale state seq " + p.seq() + " at " + b.booth);
        b.adopt(p.bootId());
        c.booths.add(b.booth);
        b.phase = p.phase();
        b.occupied = p.occupied();
        b.occupiedSince = p.occupiedSince();
        b.lastMotionAt = p.lastMotionAt();
        b.outputs = p.outputs();
        b.faults = p.faults() == null ? List.of() : List.copyOf(p.faults());
        b.stateBootId = p.bootId();
        b.stateSeq = p.seq();
        b.stateAt = p.at();
        HashSet<String> ids = new HashSet<>();
        for (AlarmInfo info : p.alarms()) {
            ids.add(info.id());
            AlarmRecord a = alarms.get(info.id());
            if (a == null) {
                a = newRecord(b.booth, info, p.bootId(), p.seq());
                alarms.add(a);
                log.info("alarm {} (from state)", a);
                c.alarm(a);
            }
            if (a.active() && info.acknowledgedAt() != null && a.acknowledgedAt == null) {
                a.acknowledgedAt = info.acknowledgedAt();
                a.acknowledgedBy = info.by() != null ? info.by() : "booth";
                c.alarm(a);
            }
            a.lastSeq = Math.max(a.lastSeq, p.seq());
        }
        b.stateAlarmIds = ids;
        for (AlarmRecord a : alarms.all()) {
            if (!a.active() || a.gatewayOwned() || !a.booth.equals(b.booth) || ids.contains(a.id)) continue;
            if (!a.bootId.equals(p.bootId()) || a.lastSeq < p.seq()) {
                a.resolvedAt = p.at();
                log.info("alarm {} no longer in the booth's state: resolved", a);
                c.alarm(a);
            }
        }
        if (!retained) liveness.seen(b, c, p.at());
        return c;
    }

    public Changes onHeartbeat(HeartbeatPayload p) {
        Changes c = new Changes();
        BoothRecord b = booth(p.booth());
        if (b.retired(p.bootId())) return ignore("heartbeat of retired bootId " + p.bootId() + " at " + b.booth);
        if (b.adopt(p.bootId())) c.booths.add(b.booth);
        liveness.seen(b, c, p.at());
        return c;
    }

    /** An event already de-duplicated by the store. */
    public Changes onEvent(EventPayload p) {
        Changes c = new Changes();
        BoothRecord b = booth(p.booth());
        if (!b.retired(p.bootId())) {
            b.adopt(p.bootId());
            liveness.seen(b, c, p.at());
            c.booths.add(b.booth);
        }
        if (p.kind() == EventKind.TEST_RESULT) {
            tests.result(b, p, c);
            return c;
        }
        AlarmInfo info = p.alarm();
        if (info == null) return c;
        AlarmRecord a = alarms.get(info.id());
        if (a == null) {
            a = newRecord(b.booth, info, p.bootId(), p.seq());
            alarms.add(a);
            boolean gone = b.stateBootId != null && !b.stateAlarmIds.contains(a.id)
                    && (!b.stateBootId.equals(p.bootId()) || b.stateSeq > p.seq());
            if (gone) a.resolvedAt = b.stateAt; // a newer state no longer lists it: it ended while we were away
            log.info("alarm {} raised at {}", a, a.raisedAt);
        }
        a.lastSeq = Math.max(a.lastSeq, p.seq());
        switch (p.kind()) {
            case ALARM_ACKNOWLEDGED -> {
                if (a.acknowledgedAt == null) {
                    a.acknowledgedAt = info.acknowledgedAt() != null ? info.acknowledgedAt() : p.at();
                    a.acknowledgedBy = info.by() != null ? info.by() : "booth";
                }
            }
            case ALARM_RESOLVED -> {
                if (a.resolvedBy == null) {
                    a.resolvedAt = info.resolvedAt() != null ? info.resolvedAt() : p.at();
                    a.resolvedBy = info.resolvedBy();
                    if (a.resolvedByWho == null) a.resolvedByWho = info.by();
                    if (a.reason == null) a.reason = info.reason();
                    log.info("alarm {} resolved by {}", a, a.resolvedBy);
                }
            }
            default -> { }
        }
        c.alarm(a);
        return c;
    }

    /** Staff acknowledged from the display. Empty when no such alarm. */
    public Optional<Changes> acknowledge(String alarmId, String by) {
        AlarmRecord a = alarms.get(alarmId);
        if (a == null) return Optional.empty();
        Changes c = new Changes();
        if (a.active()) commands.acknowledge(a, by, booth(a.booth).online, c);
        return Optional.of(c);
    }

    /** Staff resolved from the display, with a reason. Empty when no such alarm. */
    public Optional<Changes> resolve(String alarmId, String by, String reason) {
        AlarmRecord a = alarms.get(alarmId);
        if (a == null) return Optional.empty();
        Changes c = new Changes();
        if (a.active()) commands.resolve(a, by, reason, booth(a.booth).online, c);
        return Optional.of(c);
    }

    /** Whether a TEST can be sent: empty when yes, else why not (unknown or offline booth). */
    public Optional<String> cannotTest(String booth) {
        BoothRecord b = byId.get(booth);
        if (b == null) return Optional.of("no booth " + booth);
        if (!b.online) return Optional.of("booth " + booth + " is offline: it cannot answer a test");
        return Optional.empty();
    }

    /** Staff asked for a remote TEST of a known, online booth (see {@link #cannotTest}). */
    public Changes requestTest(String booth, String by) {
        Changes c = new Changes();
        tests.request(byId.get(booth), by, c);
        return c;
    }

    /** The TEST command could not be handed to the broker. */
    public Changes testNotSent(String booth) {
        Changes c = new Changes();
        BoothRecord b = byId.get(booth);
        if (b != null) tests.notSent(b, c);
        return c;
    }

    /** A command for this alarm could not be handed to the broker. */
    public Changes unreachable(String alarmId) {
        Changes c = new Changes();
        AlarmRecord a = alarms.get(alarmId);
        if (a != null) commands.unreachable(a, c);
        return c;
    }

    /**
     * The next on… call handles a message that arrived at the gateway at {@code nanos} (TimeSource.nanos()):
     * silence is judged on arrival, not on when a busy processor got to it. Applies to one message.
     */
    public void arrivedAt(long nanos) {
        liveness.arrivedAt(nanos);
    }

    /** Advances time: heartbeat silence makes booths offline; unacknowledged alarms escalate. */
    public Changes tick() {
        return tick(time.nanos());
    }

    /**
     * As {@link #tick()}, judging silence only up to {@code heardUntilNanos}: the arrival time of the oldest
     * message not yet handled (a booth is not silent because the processor is behind).
     */
    public Changes tick(long heardUntilNanos) {
        Changes c = new Changes();
        long now = time.nanos();
        long heard = Math.min(now, heardUntilNanos);
        for (BoothRecord b : booths.values()) {
            liveness.checkSilence(b, heard, c);
            tests.timeout(b, now, c);
        }
        for (AlarmRecord a : alarms.all()) {
            if (!a.boothReachable && !a.gatewayOwned() && booth(a.booth).online) commands.resend(a, c);
            escalation.check(a, now, c);
        }
        return c;
    }

    /** Forgets the oldest resolved alarms beyond {@code keep} (they stay in the store). */
    public void prune(int keep) {
        alarms.prune(keep);
    }

    public Optional<AlarmRecord> alarm(String id) {
        return Optional.ofNullable(alarms.get(id));
    }

    public List<AlarmRecord> activeAlarms() {
        return alarms.active();
    }

    /**
     * Every booth's view, given the active alarms' views by booth (most urgent first): the read snapshot builds
     * each alarm's view once, for both lists, instead of looking up and sorting each booth's alarms again.
     */
    public List<BoothView> boothViews(Map<String, List<AlarmView>> activeByBooth) {
        List<BoothView> out = new java.util.ArrayList<>(booths.size());
        for (BoothRecord b : booths.values()) out.add(view(b, activeByBooth.getOrDefault(b.booth, List.of())));
        return out;
    }

    public BoothView boothView(String booth) {
        BoothRecord b = byId.get(booth);
        if (b == null) return null;
        List<AlarmRecord> at = alarms.activeAt(b.booth);
        return view(b, at.isEmpty() ? List.of() : at.stream().sorted(URGENCY).map(AlarmRecord::view).toList());
    }

    private BoothView view(BoothRecord b, List<AlarmView> active) {
        return new BoothView(b.booth, b.online, b.phase, b.occupied, b.occupiedSince, b.lastMotionAt, b.lastSeenAt,
                b.agentVersion, b.bootId, b.config, b.outputs, b.faults, active, b.lastTest, training);
    }

    public long boothsOnline() {
        long n = 0;
        for (BoothRecord b : booths.values()) if (b.online) n++;
        return n;
    }

    /** Records the (bootId, seq) of any message of a booth; returns a description of a gap, if any. */
    public Optional<String> seqGap(String booth, String bootId, long seq) {
        BoothRecord b = booth(booth);
        String gap = null;
        if (bootId.equals(b.lastSeqBootId) && seq > b.lastSeq + 1) {
            gap = "seq gap at " + booth + " bootId " + bootId + ": " + (b.lastSeq + 1) + ".." + (seq - 1) + " not seen";
        }
        if (!bootId.equals(b.lastSeqBootId) || seq > b.lastSeq) {
            b.lastSeqBootId = bootId;
            b.lastSeq = seq;
        }
        return Optional.ofNullable(gap);
    }

    private BoothRecord booth(String id) {
        BoothRecord b = byId.get(id);
        if (b == null) {
            b = new BoothRecord(id);
            byId.put(id, b);
            booths.put(id, b);
        }
        return b;
    }

    private static Changes ignore(String why) {
        log.info("ignored: {}", why);
        return new Changes();
    }
}
