package org.boothwatch.agent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boothwatch.contract.GatewayStatusPayload;

/**
 * Which gateways are watching this booth. A gateway is online from its retained status; one that promises
 * to refresh that status ({@code refreshS}) and then stays silent for {@link #MISSED_REFRESHES} refreshes
 * counts as offline: a hung gateway is noticed in seconds, without waiting for the broker to time out its
 * connection and publish the Last Will (Mosquitto 2.0 checks keepalives only every ~6 s). Gateways that
 * never send {@code refreshS} (older versions) are judged by status and Last Will only, as before.
 * Pure: times are the agent's monotonic nanos. Thread-safe, its lock held for microseconds: the MQTT thread
 * records statuses, the agent's thread expires them.
 */
final class GatewayWatch {
    static final int MISSED_REFRESHES = 4;

    private static final class Seen {
        boolean online;
        long atNanos;
        Integer refreshS;
    }

    private final Map<String, Seen> gateways = new HashMap<>();

    /**
     * A status arrived (null = retained status cleared, the gateway is gone). Returns a description of the
     * change for the log, or null when nothing changed.
     */
    synchronized String onStatus(String id, GatewayStatusPayload status, long nowNanos) {
        if (status == null) return gateways.remove(id) != null ? "gone" : null;
        Seen s = gateways.get(id);
        boolean changed = s == null || s.online != status.online();
        if (s == null) gateways.put(id, s = new Seen());
        s.online = status.online();
        s.atNanos = nowNanos;
        s.refreshS = status.refreshS() != null && status.refreshS() > 0 ? status.refreshS() : null;
        return changed ? (s.online ? "online" : "offline") : null;
    }

    /** Gateways that went silent for too long are marked offline; returns one log line for each. */
    synchronized List<String> expire(long nowNanos) {
        List<String> silent = new ArrayList<>();
        gateways.forEach((id, s) -> {
            if (!s.online || s.refreshS == null) return;
            long silentNanos = nowNanos - s.atNanos;
            if (silentNanos > MISSED_REFRESHES * s.refreshS * 1_000_000_000L) {
                s.online = false;
                silent.add(String.format("gateway %s silent for %.1f s (it refreshes its status every %d s): treated as offline",
                        id, silentNanos / 1e9, s.refreshS));
            }
        });
        return silent;
    }

    synchronized boolean anyOnline() {
        return gateways.values().stream().anyMatch(s -> s.online);
    }
}
