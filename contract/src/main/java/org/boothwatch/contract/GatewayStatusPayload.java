package org.boothwatch.contract;

import java.time.Instant;

/** {@code gateway/{gatewayId}/status}: gateway birth (online=true) and Last Will (online=false). */
public record GatewayStatusPayload(int v, String site, String gatewayId, boolean online, Instant at) {}
