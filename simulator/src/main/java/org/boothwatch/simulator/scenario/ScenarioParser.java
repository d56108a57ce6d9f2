package org.boothwatch.simulator.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Ids;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Phase;

/**
 * Parses scenario files (CONTRACT §8). Every bad line is reported with its number, what was
 * found and what is allowed; nothing runs unless the whole file is valid.
 */
public final class ScenarioParser {
    private static final Set<String> KEYWORDS = Set.of("booths", "gateway", "broker", "ack", "resolve", "expect");

    private final List<String> problems = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private List<String> booths;

    private ScenarioParser() {}

    public static Scenario parse(Path file) throws ScenarioException, IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Scenario parse(String source, String text) throws ScenarioException {
        ScenarioParser p = new ScenarioParser();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            p.line(i + 1, lines[i]);
        }
        if (p.booths == null && p.problems.isEmpty()) {
            p.problems.add("no steps: the first step must be 'booths <id> <id> …'");
        }
        if (!p.problems.isEmpty()) throw new ScenarioException(source, p.problems);
        List<Step> sorted = new ArrayList<>(p.steps);
        sorted.sort(Comparator.comparing(Step::at)); // stable: file order for equal times
        return new Scenario(source, p.booths, sorted);
    }

    private void line(int n, String raw) {
        int hash = raw.indexOf('#');
        String text = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
        if (text.isEmpty()) return;
        String[] t = text.split("\\s+");
        try {
            if (booths == null) {
                declareBooths(t);
            } else if (t[0].equals("booths")) {
                throw bad("booths are declared once, in the first step");
            } else {
                steps.add(step(n, t));
            }
        } catch (IllegalArgumentException e) {
            problems.add("line " + n + ": " + e.getMessage() + " — in '" + text + "'");
            if (booths == null) booths = List.of(); // report the rest of the file too
        }
    }

    private void declareBooths(String[] t) {
        if (!t[0].equals("booths")) {
            throw bad("the first step must be 'booths <id> <id> …', got '" + t[0] + "'");
        }
        if (t.length < 2) throw bad("'booths' needs at least one booth id");
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 1; i < t.length; i++) {
            Ids.require("booth", t[i]);
            if (KEYWORDS.contains(t[i])) throw bad("booth id '" + t[i] + "' is a scenario keyword; choose another");
            if (!ids.add(t[i])) throw bad("booth '" + t[i] + "' is declared twice");
        }
        booths = List.copyOf(ids);
    }

    private Step step(int n, String[] t) {
        Duration at;
        try {
            at = Durations.parse(t[0]);
        } catch (IllegalArgumentException e) {
            throw bad("a step starts with a time offset: " + e.getMessage());
        }
        if (t.length < 2) throw bad("nothing to do after the time offset");
        String what = t[1];
        switch (what) {
            case "gateway", "broker" -> {
                if (t.length != 3 || !t[2].equals("restart")) throw bad("expected '" + what + " restart'");
                return what.equals("gateway") ? new Step.GatewayRestart(at, n) : new Step.BrokerRestart(at, n);
            }
            case "ack" -> {
                if (t.length != 4) throw bad("expected 'ack <booth> <ALARM_TYPE>'");
                return new Step.Ack(at, n, booth(t[2]), alarmType(t[3]));
            }
            case "resolve" -> {
                if (t.length < 5) throw bad("expected 'resolve <booth> <ALARM_TYPE> <reason…>' (a reason is required)");
                String reason = String.join(" ", Arrays.copyOfRange(t, 4, t.length));
                return new Step.Resolve(at, n, booth(t[2]), alarmType(t[3]), reason);
            }
            case "expect" -> {
                return expect(at, n, t);
            }
            default -> {
                String booth = booth(what);
                if (t.length != 3) throw bad("expected '<t> " + booth + " <action>' with one action: " + BoothAction.allowed());
                BoothAction action = BoothAction.of(t[2]).orElseThrow(
                        () -> bad("unknown booth action '" + t[2] + "'; allowed: " + BoothAction.allowed()));
                return new Step.Booth(at, n, booth, action);
            }
        }
    }

    private Step.Expect expect(Duration at, int n, String[] t) {
        if (t.length < 3) throw bad("expected 'expect <booth> <what>'");
        String booth = booth(t[2]);
        List<String> rest = new ArrayList<>(Arrays.asList(t).subList(3, t.length));
        Duration within = Duration.ZERO;
        int w = rest.indexOf("within");
        if (w >= 0) {
            if (w != rest.size() - 2) throw bad("'within' must be followed by exactly one duration, at the end");
            try {
                within = Durations.parse(rest.get(w + 1));
            } catch (IllegalArgumentException e) {
                throw bad("after 'within': " + e.getMessage());
            }
            rest = rest.subList(0, w);
        }
        if (rest.isEmpty()) throw bad("expect what? allowed: <ALARM_TYPE> raised|acknowledged|resolved|absent, "
                + "phase <PHASE>, lamp on|off|flash, buzzer on|off, online, offline");
        String head = rest.get(0);
        Expectation what = switch (head) {
            case "online", "offline" -> {
                one(rest, 1, head);
                yield new Expectation.OnlineIs(head.equals("online"));
            }
            case "phase" -> {
                one(rest, 2, "phase <PHASE>");
                yield new Expectation.PhaseIs(enumOf(Phase.class, rest.get(1), "phase", false));
            }
            case "lamp" -> {
                one(rest, 2, "lamp on|off|flash");
                yield new Expectation.LampIs(enumOf(Lamp.class, rest.get(1), "lamp", true));
            }
            case "buzzer" -> {
                one(rest, 2, "buzzer on|off");
                yield new Expectation.BuzzerIs(enumOf(Buzzer.class, rest.get(1), "buzzer", true));
            }
            default -> {
                one(rest, 2, "<ALARM_TYPE> raised|acknowledged|resolved|absent");
                yield new Expectation.AlarmIs(alarmType(head), enumOf(AlarmState.class, rest.get(1), "alarm state", true));
            }
        };
        return new Step.Expect(at, n, booth, what, within);
    }

    private static void one(List<String> rest, int size, String form) {
        if (rest.size() != size) throw bad("expected 'expect <booth> " + form + " [within <duration>]'");
    }

    private String booth(String id) {
        if (!booths.contains(id)) {
            throw bad("'" + id + "' is not a declared booth (declared: " + String.join(" ", booths)
                    + ") nor one of: gateway, broker, ack, resolve, expect");
        }
        return id;
    }

    private static AlarmType alarmType(String s) {
        return enumOf(AlarmType.class, s, "alarm type", false);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String s, String what, boolean lowerCase) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s.toUpperCase(Locale.ROOT)) && s.equals(lowerCase ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT))) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(e -> lowerCase ? e.name().toLowerCase(Locale.ROOT) : e.name())
                .collect(Collectors.joining(" | "));
        throw bad("unknown " + what + " '" + s + "'; allowed: " + allowed);
    }

    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }
}
