package org.boothwatch.contract;

import java.time.Instant;

/** {@code booth/{booth}/cmd}: ACKNOWLEDGE, RESOLVE (reason required) or TEST, from the gateway. */
public record CommandPayload(int v, CommandType cmd, String alarmId, String by, String reason, Instant at) {}
