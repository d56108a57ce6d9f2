package org.boothwatch.reliability.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Compares the alarms the booths raised with the alarms the gateway recorded: all there, none twice. */
public final class Ledger {
    private Ledger() {}

    /** Booth-raised alarm ids recorded by the gateway's store (BOOTH_OFFLINE is the gateway's own). */
    public static List<String> recorded(Http http) {
        List<String> ids = new ArrayList<>();
        for (JsonNode a : http.allAlarms()) {
            if (!"BOOTH_OFFLINE".equals(a.path("type").asText())) ids.add(a.path("id").asText());
        }
        return ids;
    }

    public static Set<String> resolved(Http http) {
        Set<String> ids = new HashSet<>();
        for (JsonNode a : http.allAlarms()) {
            if (!a.path("active").asBoolean(true)) ids.add(a.path("id").asText());
        }
        return ids;
    }

    /** Waits until the gateway has every raised alarm, then asserts exact match, no duplicates, all resolved. */
    public static void assertMatch(Http http, List<Booth> booths, Duration within) {
        List<String> raised = new ArrayList<>();
        for (Booth b : booths) raised.addAll(b.raised);
        assertEquals(raised.size(), new HashSet<>(raised).size(), "the booths raised duplicate ids: " + raised);
        try {
            await("gateway recorded every alarm the booths raised").atMost(within).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> new HashSet<>(recorded(http)).containsAll(raised));
        } finally {
            List<String> rec = recorded(http);
            Set<String> missing = new TreeSet<>(raised);
            missing.removeAll(rec);
            Set<String> extra = new TreeSet<>(rec);
            extra.removeAll(raised);
            System.out.println("LEDGER raised at booths " + raised.size() + ", recorded by gateway " + rec.size()
                    + ", missing " + missing + ", unexpected " + extra);
        }
        List<String> rec = recorded(http);
        assertEquals(new TreeSet<>(raised), new TreeSet<>(rec), "alarm ids: booths vs gateway");
        assertEquals(raised.size(), rec.size(), "gateway recorded an alarm twice: " + rec);
        await("gateway shows every alarm resolved").atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> resolved(http).containsAll(raised));
    }
}
