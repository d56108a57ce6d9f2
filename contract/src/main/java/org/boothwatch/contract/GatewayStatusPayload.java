package org.boothwatch.contract;

import java.time.Instant;

/**
 * {@code gateway/{gatewayId}/status}: gateway birth (online=true) and Last Will (online=false).
 * {@code refreshS} (optional, added in 0.2): the gateway republishes its online status at least this often,
 * so agents can tell a hung gateway from a quiet one without waiting for the broker's keepalive check.
 * Absent in the old form; agents then rely on status and Last Will alone.
 */
public record GatewayStatusPayload(int v, String site, String gatewayId, boolean online, Instant at, Integer refreshS) {
    /** The old form, without a refresh promise. */
    public GatewayStatusPayload(int v, String site, String gatewayId, boolean online, Instant at) {
        this(v, site, gatewayId, online, at, null);
    }
}
