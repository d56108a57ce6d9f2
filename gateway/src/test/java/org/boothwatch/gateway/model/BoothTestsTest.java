package org.boothwatch.gateway.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.StatusPayload;
import org.junit.jupiter.api.Test;

/** Remote TEST in the site model: request, answer, no answer in time, late answer, not sent, offline. */
class BoothTestsTest {
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2026-11-23T10:00:00Z"));
    // Long heartbeat interval: the booth stays online while the clock moves.
    final SiteModel model = new SiteModel("demo", time, Duration.ofSeconds(30), Duration.ofMinutes(5));
    long seq;

    EventPayload result(boolean ok, String details) {
        return EventPayload.testResult(Envelope.of("demo", "b01", "a", ++seq, time.now()), ok, details);
    }

    TestView last() {
        return model.boothView("b01").lastTest();
    }

    void online() {
        model.onStatus(new StatusPayload(1, "demo", "b01", "a", ++seq, time.now(), true, "1.0", Map.of()), false);
    }

    @Test
    void requestSendsTestAndTheAnswerBecomesLastTest() {
        assertTrue(model.cannotTest("b01").orElseThrow().contains("no booth"));
        online();
        assertNull(last());
        Instant asked = time.now();
        Changes c = model.requestTest("b01", "anna");
        assertEquals(1, c.commands.size());
        assertEquals(CommandType.TEST, c.commands.get(0).cmd());
        assertEquals("anna", c.commands.get(0).by());
        assertTrue(c.booths.contains("b01"));
        assertEquals(new TestView(asked, "anna", null, TestView.TESTING, null, null), last());

        time.advance(Duration.ofSeconds(1));
        assertTrue(model.onEvent(result(false, "reset: cannot be read")).booths.contains("b01"));
        assertEquals(new TestView(asked, "anna", time.now(), TestView.FAIL, false, "reset: cannot be read"), last());
        time.advance(SiteModel.TEST_ANSWER_WITHIN);
        assertTrue(model.tick().booths.isEmpty(), "an answered test never times out");
    }

    @Test
    void noAnswerWithinTheLimitFailsAndALateAnswerStillShowsMarkedLate() {
        online();
        model.requestTest("b01", "tech");
        time.advance(SiteModel.TEST_ANSWER_WITHIN.minusMillis(1));
        assertTrue(model.tick().booths.isEmpty());
        assertEquals(TestView.TESTING, last().status());
        time.advance(Duration.ofMillis(1));
        assertTrue(model.tick().booths.contains("b01"));
        assertEquals(TestView.NO_ANSWER, last().status());
        assertFalse(last().ok());
        assertNull(last().resultAt());
        assertTrue(model.tick().booths.isEmpty(), "reported once");

        model.onEvent(result(true, "faults: none"));
        assertEquals(TestView.PASS, last().status());
        assertEquals("tech", last().requestedBy());
        assertEquals("late answer (after NO_ANSWER): faults: none", last().details());

        // A result nobody asked for (e.g. requested before a gateway restart) shows without a request.
        model.onEvent(result(true, "faults: none"));
        assertNull(last().requestedAt());
        assertEquals("faults: none", last().details());
    }

    @Test
    void notSentFailsAtOnceAndOfflineBoothsCannotBeTested() {
        online();
        model.requestTest("b01", "tech");
        assertTrue(model.testNotSent("b01").booths.contains("b01"));
        assertEquals(TestView.NOT_SENT, last().status());
        assertFalse(last().ok());
        time.advance(SiteModel.TEST_ANSWER_WITHIN);
        model.tick();
        assertEquals(TestView.NOT_SENT, last().status(), "not turned into NO_ANSWER");

        model.onStatus(new StatusPayload(1, "demo", "b01", "a", ++seq, time.now(), false, "1.0", Map.of()), false);
        assertTrue(model.cannotTest("b01").orElseThrow().contains("offline"));
    }
}
