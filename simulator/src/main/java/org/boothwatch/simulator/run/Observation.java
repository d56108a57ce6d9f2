package org.boothwatch.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boothwatch.simulator.booth.BoothControl;
import org.boothwatch.simulator.scenario.AlarmState;
import org.boothwatch.simulator.scenario.Expectation;

/**
 * One look at the gateway: its booths and alarms, or why it could not be asked. The checks answer
 * null when an expectation holds, else what was seen instead.
 */
public record Observation(Map<String, JsonNode> gatewayBooths, List<JsonNode> alarms, String gatewayError) {

    /** Checks an expectation {@link Expectation#atGateway() at the gateway}. */
    public String check(String booth, Expectation what) {
        if (what instanceof Expectation.AlarmIs a) return alarm(booth, a);
        if (what instanceof Expectation.OnlineIs o) return online(booth, o.online());
        throw new IllegalArgumentException(what.describe() + " is checked at the booth, not at the gateway");
    }

    /** Checks an expectation about the booth's own outputs or phase. */
    public static String checkBooth(BoothControl b, Expectation what) {
        if (what instanceof Expectation.PhaseIs p) {
            String seen = b.phase().map(Enum::name).orElse("none (agent not running)");
            return seen.equals(p.phase().name()) ? null : "phase " + seen;
        }
        if (what instanceof Expectation.LampIs l) {
            return b.lamp() == l.lamp() ? null : "lamp " + b.lamp().wire();
        }
        Expectation.BuzzerIs z = (Expectation.BuzzerIs) what;
        return b.buzzer() == z.buzzer() ? null : "buzzer " + b.buzzer().wire();
    }

    private String online(String booth, boolean expected) {
        if (gatewayError != null) return "gateway not answering: " + gatewayError;
        JsonNode b = gatewayBooths.get(booth);
        if (b == null) return "booth unknown to the gateway";
        boolean online = b.path("online").asBoolean(false);
        return online == expected ? null : (online ? "online" : "offline");
    }

    private String alarm(String booth, Expectation.AlarmIs a) {
        if (gatewayError != null) return "gateway not answering: " + gatewayError;
        String type = a.type().name();
        List<JsonNode> mine = alarms.stream()
                .filter(x -> booth.equals(x.path("booth").asText()) && type.equals(x.path("type").asText()))
                .sorted(Comparator.comparing((JsonNode x) -> x.path("raisedAt").asText()))
                .toList();
        Optional<JsonNode> active = mine.stream().filter(x -> x.path("active").asBoolean(false)).reduce((x, y) -> y);
        Optional<JsonNode> latest = mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
        boolean holds = switch (a.state()) {
            case RAISED -> active.isPresent();
            case ABSENT -> active.isEmpty();
            case ACKNOWLEDGED -> latest.map(x -> x.hasNonNull("acknowledgedAt")).orElse(false);
            case RESOLVED -> active.isEmpty() && latest.map(x -> x.hasNonNull("resolvedAt")).orElse(false);
        };
        if (holds) return null;
        if (latest.isEmpty()) return "no " + type + " alarm for " + booth + " at the gateway";
        JsonNode l = latest.get();
        StringBuilder s = new StringBuilder(type).append(' ').append(l.path("state").asText("?"));
        s.append(" (id ").append(l.path("id").asText()).append(", raised ").append(l.path("raisedAt").asText());
        if (l.hasNonNull("acknowledgedAt")) s.append(", acknowledged ").append(l.path("acknowledgedAt").asText());
        if (l.hasNonNull("resolvedAt")) {
            s.append(", resolved ").append(l.path("resolvedAt").asText()).append(" by ").append(l.path("resolvedBy").asText());
        }
        s.append(')');
        if (mine.size() > 1) s.append("; ").append(mine.size()).append(" such alarms since the start");
        if (a.state() == AlarmState.RESOLVED && active.isPresent()) s.append("; still active");
        return s.toString();
    }
}
