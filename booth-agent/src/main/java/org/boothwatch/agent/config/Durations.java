package org.boothwatch.agent.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 120s}, {@code 3m}, {@code 1m30s}, {@code 500ms}, {@code 2.5s}, {@code 1h}. */
public final class Durations {
    public static final String ALLOWED = "a duration such as 500ms, 120s, 2.5s, 3m, 1m30s or 1h";
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private Durations() {}

    /** @throws IllegalArgumentException when the text is not a duration */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim();
        if (!WHOLE.matcher(s).matches()) throw new IllegalArgumentException("not a duration: '" + text + "'");
        Matcher m = PART.matcher(s);
        double nanos = 0;
        while (m.find()) {
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
        }
        if (nanos > Long.MAX_VALUE / 2) throw new IllegalArgumentException("duration too long: '" + text + "'");
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Compact form for logs and the status payload, e.g. {@code 1m30s}, {@code 500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        StringBuilder b = new StringBuilder();
        if (s >= 3600 && s % 3600 == 0) return (s / 3600) + "h";
        if (s >= 60) b.append(s / 60).append('m');
        if (s % 60 != 0 || s == 0) b.append(s % 60).append('s');
        return b.toString();
    }
}
