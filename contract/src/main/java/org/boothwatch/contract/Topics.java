package org.boothwatch.contract;

import java.util.Optional;

/** MQTT topic names of CONTRACT §3, rooted at {@code boothwatch/v1/{site}}. */
public final class Topics {
    public static final String PREFIX = "boothwatch/v1/";

    /** The kinds of per-booth topic. */
    public enum BoothTopic {
        STATUS("status"), STATE("state"), EVENT("event"), HEARTBEAT("heartbeat"), CMD("cmd");

        public final String segment;

        BoothTopic(String segment) {
            this.segment = segment;
        }

        static Optional<BoothTopic> of(String segment) {
            for (BoothTopic t : values()) {
                if (t.segment.equals(segment)) return Optional.of(t);
            }
            return Optional.empty();
        }
    }

    /** A parsed per-booth topic. */
    public record BoothAddress(String site, String booth, BoothTopic topic) {}

    private Topics() {}

    public static String root(String site) {
        return PREFIX + Ids.require("site", site);
    }

    public static String booth(String site, String booth, BoothTopic topic) {
        return root(site) + "/booth/" + Ids.require("booth", booth) + "/" + topic.segment;
    }

    public static String status(String site, String booth) { return booth(site, booth, BoothTopic.STATUS); }
    public static String state(String site, String booth) { return booth(site, booth, BoothTopic.STATE); }
    public static String event(String site, String booth) { return booth(site, booth, BoothTopic.EVENT); }
    public static String heartbeat(String site, String booth) { return booth(site, booth, BoothTopic.HEARTBEAT); }
    public static String cmd(String site, String booth) { return booth(site, booth, BoothTopic.CMD); }

    public static String gatewayStatus(String site, String gatewayId) {
        return root(site) + "/gateway/" + Ids.require("gatewayId", gatewayId) + "/status";
    }

    /** Filter matching every gateway's status topic of a site. */
    public static String allGatewayStatus(String site) {
        return root(site) + "/gateway/+/status";
    }

    /** Filter matching one kind of topic for every booth of a site. */
    public static String allBooths(String site, BoothTopic topic) {
        return root(site) + "/booth/+/" + topic.segment;
    }

    /** Parses {@code boothwatch/v1/{site}/booth/{booth}/{kind}}; empty for anything else. */
    public static Optional<BoothAddress> parseBooth(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) return Optional.empty();
        String[] parts = topic.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 4 || !"booth".equals(parts[1])) return Optional.empty();
        if (!Ids.isValid(parts[0]) || !Ids.isValid(parts[2])) return Optional.empty();
        return BoothTopic.of(parts[3]).map(t -> new BoothAddress(parts[0], parts[2], t));
    }

    /** The gateway id of {@code boothwatch/v1/{site}/gateway/{id}/status}; empty for anything else. */
    public static Optional<String> parseGatewayStatus(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) return Optional.empty();
        String[] parts = topic.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 4 || !"gateway".equals(parts[1]) || !"status".equals(parts[3])) return Optional.empty();
        if (!Ids.isValid(parts[0]) || !Ids.isValid(parts[2])) return Optional.empty();
        return Optional.of(parts[2]);
    }
}
