package org.boothwatch.contract;

import java.time.Instant;

/**
 * Validated parsing of agent payloads: JSON shape, {@code "v":1}, and that site and booth in the
 * payload are those of the topic it arrived on (a booth cannot speak for another).
 */
public final class Payloads {
    private static final int MAX_TEXT = 256;

    private Payloads() {}

    public static StatusPayload status(byte[] bytes, Topics.BoothAddress from) throws PayloadException {
        StatusPayload p = Json.read(bytes, StatusPayload.class);
        envelope(p, from);
        return p;
    }

    public static StatePayload state(byte[] bytes, Topics.BoothAddress from) throws PayloadException {
        StatePayload p = Json.read(bytes, StatePayload.class);
        envelope(p, from);
        require(p.phase() != null, "state without phase");
        require(p.alarms() != null, "state without alarms");
        for (AlarmInfo a : p.alarms()) alarm(a);
        return p;
    }

    public static HeartbeatPayload heartbeat(byte[] bytes, Topics.BoothAddress from) throws PayloadException {
        HeartbeatPayload p = Json.read(bytes, HeartbeatPayload.class);
        envelope(p, from);
        require(p.uptimeS() >= 0, "negative uptimeS");
        return p;
    }

    public static EventPayload event(byte[] bytes, Topics.BoothAddress from) throws PayloadException {
        EventPayload p = Json.read(bytes, EventPayload.class);
        envelope(p, from);
        require(p.kind() != null, "event without kind");
        switch (p.kind()) {
            case VACATED -> require(p.durationS() != null && p.durationS() >= 0, "VACATED without a valid durationS");
            case ALARM_RAISED, ALARM_ACKNOWLEDGED, ALARM_RESOLVED -> {
                if (p.alarm() == null) throw new PayloadException(p.kind() + " without alarm");
                alarm(p.alarm());
            }
            case TEST_RESULT -> require(p.ok() != null, "TEST_RESULT without ok");
            default -> { }
        }
        return p;
    }

    public static CommandPayload command(byte[] bytes) throws PayloadException {
        CommandPayload p = Json.read(bytes, CommandPayload.class);
        version(p.v());
        require(p.cmd() != null, "command without cmd");
        if (p.cmd() != CommandType.TEST) {
            if (p.alarmId() == null || p.alarmId().isBlank()) throw new PayloadException(p.cmd() + " without alarmId");
        }
        if (p.cmd() == CommandType.RESOLVE) {
            require(p.reason() != null && !p.reason().isBlank(), "RESOLVE without a reason");
        }
        return p;
    }

    public static GatewayStatusPayload gatewayStatus(byte[] bytes) throws PayloadException {
        GatewayStatusPayload p = Json.read(bytes, GatewayStatusPayload.class);
        version(p.v());
        if (p.refreshS() != null && (p.refreshS() < 1 || p.refreshS() > 3600)) throw new PayloadException("refreshS " + p.refreshS() + " outside 1..3600");
        return p;
    }

    private static void envelope(AgentPayload p, Topics.BoothAddress from) throws PayloadException {
        version(p.v());
        if (!from.site().equals(p.site())) throw new PayloadException("payload site '" + clip(p.site()) + "' differs from topic site '" + from.site() + "'");
        if (!from.booth().equals(p.booth())) throw new PayloadException("payload booth '" + clip(p.booth()) + "' differs from topic booth '" + from.booth() + "'");
        require(p.bootId() != null && !p.bootId().isBlank() && p.bootId().length() <= 64, "missing or invalid bootId");
        if (p.seq() < 0) throw new PayloadException("negative seq " + p.seq());
        require(p.at() != null, "missing at");
    }

    private static void alarm(AlarmInfo a) throws PayloadException {
        require(a != null, "null alarm");
        require(a.id() != null && !a.id().isBlank() && a.id().length() <= MAX_TEXT, "alarm without a valid id");
        require(a.type() != null, "alarm without type");
        require(a.raisedAt() != null, "alarm without raisedAt");
        Instant r = a.raisedAt();
        require(r.getEpochSecond() > 0, "alarm raisedAt before 1970");
    }

    private static void version(int v) throws PayloadException {
        if (v != Json.VERSION) throw new PayloadException("unsupported v=" + v);
    }

    /** For constant messages only: a message built with {@code +} would be built for every valid payload too. */
    private static void require(boolean ok, String why) throws PayloadException {
        if (!ok) throw new PayloadException(why);
    }

    private static String clip(String s) {
        if (s == null) return "null";
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
