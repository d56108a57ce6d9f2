package org.boothwatch.contract;

import java.time.Instant;

/** Envelope values for building an agent payload. */
public record Envelope(int v, String site, String booth, String bootId, long seq, Instant at) {
    public static Envelope of(String site, String booth, String bootId, long seq, Instant at) {
        return new Envelope(Json.VERSION, site, booth, bootId, seq, at);
    }
}
