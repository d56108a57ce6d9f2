package org.boothwatch.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.boothwatch.contract.GatewayStatusPayload;
import org.junit.jupiter.api.Test;

class GatewayWatchTest {
    private static final long S = 1_000_000_000L;
    private final GatewayWatch watch = new GatewayWatch();

    private static GatewayStatusPayload status(boolean online, Integer refreshS) {
        return new GatewayStatusPayload(1, "s", "gw1", online, Instant.EPOCH, refreshS);
    }

    @Test
    void aGatewayThatStopsRefreshingIsOfflineAfterFourMissedRefreshes() {
        assertEquals("online", watch.onStatus("gw1", status(true, 1), 10 * S));
        assertNull(watch.onStatus("gw1", status(true, 1), 11 * S), "a refresh is not a change");
        assertTrue(watch.expire(15 * S).isEmpty(), "exactly 4 s of silence is still online");
        assertTrue(watch.anyOnline());
        List<String> silent = watch.expire(15 * S + 1);
        assertEquals(1, silent.size());
        assertTrue(silent.get(0).contains("gw1 silent for 4.0 s"), silent.get(0));
        assertFalse(watch.anyOnline());
        assertTrue(watch.expire(30 * S).isEmpty(), "reported once");
        assertEquals("online", watch.onStatus("gw1", status(true, 1), 31 * S), "back when it refreshes again");
    }

    @Test
    void theOldFormWithoutRefreshNeverExpires() {
        watch.onStatus("gw1", status(true, null), 0);
        assertTrue(watch.expire(3600 * S).isEmpty());
        assertTrue(watch.anyOnline());
    }

    @Test
    void anyOnlineGatewayKeepsTheBoothWatched() {
        watch.onStatus("gw1", status(true, 2), 0);
        watch.onStatus("gw2", new GatewayStatusPayload(1, "s", "gw2", true, Instant.EPOCH, 1), 0);
        watch.onStatus("gw2", new GatewayStatusPayload(1, "s", "gw2", true, Instant.EPOCH, 1), 5 * S);
        assertEquals(1, watch.expire(9 * S - 1).size(), "gw1 (2 s refresh) silent for 9 s");
        assertTrue(watch.anyOnline(), "gw2 refreshed at 5 s");
        assertEquals("offline", watch.onStatus("gw2", status(false, 1), 6 * S));
        assertFalse(watch.anyOnline());
        assertEquals("gone", watch.onStatus("gw2", null, 7 * S));
        assertNull(watch.onStatus("gw3", null, 7 * S));
    }
}
