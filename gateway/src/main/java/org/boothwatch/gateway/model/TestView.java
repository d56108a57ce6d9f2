package org.boothwatch.gateway.model;

import java.time.Instant;

/**
 * The last remote TEST of a booth as the API and the display see it. {@code status}: TESTING (sent, no
 * answer yet), PASS, FAIL (the booth answered not ok), NO_ANSWER (nothing within
 * {@link SiteModel#TEST_ANSWER_WITHIN}), NOT_SENT (no broker connection). {@code ok} is null only while
 * TESTING; requestedAt/requestedBy are null for a result nobody here asked for (e.g. sent before a restart).
 */
public record TestView(Instant requestedAt, String requestedBy, Instant resultAt, String status, Boolean ok, String details) {
    public static final String TESTING = "TESTING";
    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";
    public static final String NO_ANSWER = "NO_ANSWER";
    public static final String NOT_SENT = "NOT_SENT";
}
