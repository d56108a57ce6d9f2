package org.boothwatch.simulator.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scenario durations: {@code 0s}, {@code 2.5s}, {@code 3m}, {@code 1m30s}, {@code 1h}, {@code 500ms}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile(
            "(?:(\\d+(?:\\.\\d+)?)h)?(?:(\\d+(?:\\.\\d+)?)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");
    public static final String ALLOWED = "a duration such as 0s, 2.5s, 3m, 1m30s, 1h or 500ms";

    private Durations() {}

    /** @throws IllegalArgumentException when the text is not a duration */
    public static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + ALLOWED);
        }
        BigDecimal nanos = BigDecimal.ZERO;
        nanos = nanos.add(part(m.group(1), 3600_000_000_000L));
        nanos = nanos.add(part(m.group(2), 60_000_000_000L));
        nanos = nanos.add(part(m.group(3), 1_000_000_000L));
        nanos = nanos.add(part(m.group(4), 1_000_000L));
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static BigDecimal part(String number, long unitNanos) {
        if (number == null) return BigDecimal.ZERO;
        return new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)).setScale(0, java.math.RoundingMode.HALF_UP);
    }

    /** Short human form, e.g. {@code 1m30s}, {@code 2.5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        long h = ms / 3_600_000, m = (ms / 60_000) % 60;
        double s = (ms % 60_000) / 1000.0;
        StringBuilder b = new StringBuilder();
        if (h > 0) b.append(h).append('h');
        if (m > 0) b.append(m).append('m');
        if (s > 0 || b.length() == 0) {
            b.append(s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)).append('s');
        }
        return b.toString();
    }
}
