package org.boothwatch.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void buildsAndParsesBoothTopics() {
        String t = Topics.event("skyen", "b01");
        assertEquals("boothwatch/v1/skyen/booth/b01/event", t);
        assertEquals(new Topics.BoothAddress("skyen", "b01", Topics.BoothTopic.EVENT), Topics.parseBooth(t).orElseThrow());
        assertEquals("boothwatch/v1/skyen/gateway/gw1/status", Topics.gatewayStatus("skyen", "gw1"));
        assertEquals("gw1", Topics.parseGatewayStatus("boothwatch/v1/skyen/gateway/gw1/status").orElseThrow());
    }

    @Test
    void rejectsInvalidIds() {
        for (String bad : new String[] {"", "-a", "B01", "a/b", "a+", "#", "x".repeat(33), null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.event("skyen", bad));
            assertTrue(e.getMessage().contains("booth="), e.getMessage());
        }
        assertTrue(Topics.parseBooth("boothwatch/v1/skyen/booth/B01/event").isEmpty());
        assertTrue(Topics.parseBooth("boothwatch/v1/skyen/booth/b01/other").isEmpty());
        assertTrue(Topics.parseBooth("boothwatch/v1/skyen/booth/b01/event/x").isEmpty());
    }
}
