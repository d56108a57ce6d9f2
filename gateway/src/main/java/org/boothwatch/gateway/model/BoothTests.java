package org.boothwatch.gateway.model;

import java.time.Duration;
import java.time.Instant;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote TESTs of booths: request, answer (TEST_RESULT), no answer in time, not sent. The event carries no
 * request id, so a result answers the booth's open request, if any. Part of {@link SiteModel}; same thread.
 */
final class BoothTests {
    private static final Logger log = LoggerFactory.getLogger(BoothTests.class);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

    private final TimeSource time;

    BoothTests(TimeSource time) {
        this.time = time;
    }

    void request(BoothRecord b, String by, Changes c) {
        b.lastTest = new TestView(time.now(), by, null, TestView.TESTING, null, null);
        b.testRequestedNanos = time.nanos();
        log.info("booth {} TEST requested by {}", b.booth, by);
        c.booths.add(b.booth);
        c.commands.add(new Changes.Command(b.booth, CommandType.TEST, null, by, null));
    }

    void notSent(BoothRecord b, Changes c) {
        TestView t = b.lastTest;
        if (t == null || !TestView.TESTING.equals(t.status())) return;
        b.lastTest = new TestView(t.requestedAt(), t.requestedBy(), null, TestView.NOT_SENT, false,
                "not sent: the gateway has no broker connection");
        log.warn("booth {} TEST not sent: no broker connection", b.booth);
        c.booths.add(b.booth);
    }

    /** A late answer (after NO_ANSWER) still shows, marked late: it is what the booth reports. */
    void result(BoothRecord b, EventPayload p, Changes c) {
        TestView t = b.lastTest;
        boolean ok = Boolean.TRUE.equals(p.ok());
        String details = p.details() == null ? "" : p.details();
        Instant requestedAt = null;
        String requestedBy = null;
        if (t != null && t.resultAt() == null) {
            requestedAt = t.requestedAt();
            requestedBy = t.requestedBy();
            if (!TestView.TESTING.equals(t.status())) details = "late answer (after " + t.status() + "): " + details;
        }
        b.lastTest = new TestView(requestedAt, requestedBy, p.at(), ok ? TestView.PASS : TestView.FAIL, ok, details);
        log.info("booth {} TEST_RESULT {}: {}", b.booth, ok ? "PASS" : "FAIL", details);
        c.booths.add(b.booth);
    }

    void timeout(BoothRecord b, long nowNanos, Changes c) {
        TestView t = b.lastTest;
        if (t == null || !TestView.TESTING.equals(t.status())) return;
        if (nowNanos - b.testRequestedNanos < ANSWER_WITHIN.toNanos()) return;
        b.lastTest = new TestView(t.requestedAt(), t.requestedBy(), null, TestView.NO_ANSWER, false,
                "no answer from the booth within " + ANSWER_WITHIN.toSeconds() + " s");
        log.warn("booth {} TEST: NO ANSWER within {} s", b.booth, ANSWER_WITHIN.toSeconds());
        c.booths.add(b.booth);
    }
}
