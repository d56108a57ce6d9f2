package org.boothwatch.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cached second in Json.format / Json.parseInstant gives exactly what java.time gives. */
class JsonInstantTest {
    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatMatchesJavaTimeAcrossSecondsAndBackAndForth() {
        Random rng = new Random(3);
        Instant base = Instant.parse("2026-12-01T23:59:58.000Z");
        for (int i = 0; i < 20_000; i++) {
            // Mostly the same few seconds (the cache's case), sometimes far away, sometimes alternating.
            Instant t = i % 7 == 0
                    ? Instant.ofEpochSecond(rng.nextInt(2_000_000_000), rng.nextInt(1_000_000_000))
                    : base.plusNanos((long) rng.nextInt(4_000_000) * 1000);
            assertEquals(REFERENCE.format(t), Json.format(t), t.toString());
        }
        assertEquals("1970-01-01T00:00:00.000Z", Json.format(Instant.EPOCH));
        assertEquals("1969-12-31T23:59:59.999Z", Json.format(Instant.EPOCH.minusNanos(1)));
    }

    @Test
    void parseMatchesInstantParseForEverySpelling() {
        List<String> valid = List.of("2026-11-23T15:07:16.000Z", "2026-11-23T15:07:16.999Z", "2026-11-23T15:07:16.123Z",
                "2026-11-23T15:07:16Z", "2026-11-23T15:07:16.5Z", "2026-11-23T15:07:16.123456Z", "2026-11-23T15:07:17.001Z",
                "2026-11-23T15:07:16.042Z", "2016-12-31T23:59:59.500Z", "2026-11-23T15:07:16.124Z");
        for (int round = 0; round < 3; round++) {
            for (String s : valid) assertEquals(Instant.parse(s), Json.parseInstant(s), s);
        }
    }

    @Test
    void parseMatchesInstantParseWithSecondsInTurnAndTheSameSecondOfOtherMinutes() {
        Random rng = new Random(5);
        Instant base = Instant.parse("2026-12-01T23:59:58.000Z");
        for (int i = 0; i < 20_000; i++) {
            // A few seconds in turn (as receive, event and raise times), and the same :ss in other minutes, hours, days.
            long second = switch (i % 4) {
                case 0 -> 0;
                case 1 -> 3;
                case 2 -> 60L * rng.nextInt(3);
                default -> 3600L * 24 * rng.nextInt(400) - 60L * rng.nextInt(60);
            };
            String text = REFERENCE.format(base.plusSeconds(second).plusMillis(rng.nextInt(1000)));
            assertEquals(Instant.parse(text), Json.parseInstant(text), text);
            assertEquals(text, Json.format(Instant.parse(text)), text);
        }
    }

    @Test
    void malformedTimesAreStillRejectedInTheCachedSecond() {
        Json.parseInstant("2026-11-23T15:07:16.000Z"); // that second is now cached
        for (String bad : List.of("2026-11-23T15:07:16.12aZ", "2026-11-23T15:07:16.1-3Z", "2026-11-23T15:07:16.123X",
                "2026-11-23T15:07:16:123Z", "2026-13-23T15:07:16.123Z", "2026-11-23T15:07:16.123")) {
            assertThrows(DateTimeParseException.class, () -> Json.parseInstant(bad), bad);
        }
    }

    @Test
    void wirePayloadTimesRoundTrip() throws Exception {
        Instant t = Instant.parse("2026-11-23T15:07:16.250Z");
        HeartbeatPayload hb = new HeartbeatPayload(Json.VERSION, "site-a", "b001", "0123456789abcdef", 4, t, 12);
        byte[] bytes = Json.write(hb);
        assertEquals(hb, Json.read(bytes, HeartbeatPayload.class));
        assertEquals(hb, Json.read(bytes, HeartbeatPayload.class));
    }
}
