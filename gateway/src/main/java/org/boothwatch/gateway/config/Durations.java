package org.boothwatch.gateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written as {@code 500ms}, {@code 30s}, {@code 3m}, {@code 1h}. */
public final class Durations {
    public static final String ALLOWED = "a duration such as 500ms, 30s, 3m or 1h";
    private static final Pattern P = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private Durations() {}

    public static Duration parse(String key, String value) {
        Matcher m = P.matcher(value == null ? "" : value.trim());
        if (!m.matches()) throw new ConfigException(key, value, ALLOWED);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms > 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}
