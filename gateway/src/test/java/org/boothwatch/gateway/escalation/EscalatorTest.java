package org.boothwatch.gateway.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.gateway.model.AlarmView;
import org.boothwatch.gateway.model.SiteModel;
import org.junit.jupiter.api.Test;

class EscalatorTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));

    AlarmView alarm(String site) {
        SiteModel m = new SiteModel(site, time, Duration.ofSeconds(30), Duration.ofSeconds(3));
        return m.newRecord("b03", AlarmInfo.raised("x-1", AlarmType.INACTIVITY, time.now()), "x", 1).view();
    }

    @Test
    void aTrainingSitesWebhookBodySaysTrainingInBothPlacesAndInItsSummary() throws Exception {
        JsonNode b = Json.MAPPER.readTree(Json.write(Escalator.body("training", "gw1", alarm("training"))));
        assertEquals("ALARM_ESCALATED", b.get("event").asText());
        assertTrue(b.get("training").asBoolean());
        assertTrue(b.get("alarm").get("training").asBoolean());
        assertTrue(b.get("summary").asText().startsWith("TRAINING DRILL, not a real alarm: INACTIVITY at booth b03"),
                b.get("summary").asText());
    }

    @Test
    void aNormalSitesWebhookBodySaysTrainingFalse() throws Exception {
        JsonNode b = Json.MAPPER.readTree(Json.write(Escalator.body("skyen", "gw1", alarm("skyen"))));
        assertFalse(b.get("training").asBoolean());
        assertTrue(b.get("training").isBoolean());
        assertFalse(b.get("alarm").get("training").asBoolean());
        assertEquals("INACTIVITY at booth b03 (site skyen) not acknowledged", b.get("summary").asText());
    }
}
