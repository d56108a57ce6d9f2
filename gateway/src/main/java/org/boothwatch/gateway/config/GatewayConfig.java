package org.boothwatch.gateway.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.boothwatch.contract.Ids;

/**
 * The gateway's settings (keys documented in gateway.example.properties and docs/gateway.md).
 * Immutable; the {@code with…} methods return modified copies.
 */
public record GatewayConfig(
        String site,
        String gatewayId,
        String mqttUri,
        String mqttUsername,
        String mqttPassword,
        Path mqttTlsCaFile,
        Duration mqttKeepAlive,
        String brokerBind,
        int brokerPort,
        boolean brokerPersistent,
        String httpBind,
        int httpPort,
        Path dataDir,
        String storeJdbcUrl,
        String storeUsername,
        String storePassword,
        Duration escalateAfter,
        Duration heartbeatInterval,
        String staffToken,
        List<URI> webhooks) {

    public static final Set<String> KEYS = Set.of(
            "site", "gateway.id", "mqtt.uri", "mqtt.username", "mqtt.password", "mqtt.tls.caFile",
            "mqtt.keepAlive", "broker.bind", "broker.port", "broker.persistence", "http.bind", "http.port", "data.dir",
            "store.jdbcUrl", "store.username", "store.password", "escalateAfter", "heartbeatInterval",
            "staff.token", "escalation.webhooks");

    /** Longest allowed gateway keepalive: a hung gateway's Last Will comes after 1.5 x this (6 s at 4 s). */
    public static final Duration MAX_KEEPALIVE = Duration.ofSeconds(4);

    public GatewayConfig {
        webhooks = List.copyOf(webhooks);
    }

    public static GatewayConfig defaults() {
        return fromProperties(new Properties());
    }

    /** @throws ConfigException naming the key, the value and what is allowed */
    public static GatewayConfig fromProperties(Properties p) {
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k)) throw new ConfigException(k, p.getProperty(k), "a known key: " + new TreeSet<>(KEYS));
        }
        String site = id(p, "site", "demo");
        String gatewayId = id(p, "gateway.id", "gw1");
        String mqttUri = str(p, "mqtt.uri", "");
        if (!mqttUri.isEmpty() && !mqttUri.matches("(tcp|ssl)://[^\\s/]+:\\d{1,5}")) {
            throw new ConfigException("mqtt.uri", mqttUri, "empty (embedded broker) or tcp://host:port or ssl://host:port");
        }
        if (!mqttUri.isEmpty()) {
            int uriPort = Integer.parseInt(mqttUri.substring(mqttUri.lastIndexOf(':') + 1));
            if (uriPort < 1 || uriPort > 65535) {
                throw new ConfigException("mqtt.uri", mqttUri, "tcp://host:port or ssl://host:port with a port 1-65535");
            }
        }
        Duration keepAlive = Durations.parse("mqtt.keepAlive", str(p, "mqtt.keepAlive", "3s"));
        if (keepAlive.toMillis() % 1000 != 0 || keepAlive.compareTo(MAX_KEEPALIVE) > 0 || keepAlive.toSeconds() < 1) {
            throw new ConfigException("mqtt.keepAlive", str(p, "mqtt.keepAlive", ""), "whole seconds from 1s to "
                    + MAX_KEEPALIVE.toSeconds() + "s (the broker declares a hung gateway gone after 1.5 x this; booths must"
                    + " sound locally within 10 s)");
        }
        String ca = str(p, "mqtt.tls.caFile", "");
        Path caFile = null;
        if (!ca.isEmpty()) {
            caFile = Path.of(ca);
            if (!Files.isReadable(caFile)) throw new ConfigException("mqtt.tls.caFile", ca, "a readable PEM file");
        }
        String persistence = str(p, "broker.persistence", "file");
        if (!persistence.equals("file") && !persistence.equals("memory")) {
            throw new ConfigException("broker.persistence", persistence, "file or memory");
        }
        String jdbc = str(p, "store.jdbcUrl", "");
        if (!jdbc.isEmpty() && !jdbc.startsWith("jdbc:sqlite:") && !jdbc.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("store.jdbcUrl", jdbc, "empty (SQLite in data.dir), jdbc:sqlite:… or jdbc:postgresql:…");
        }
        Duration escalate = Durations.parse("escalateAfter", str(p, "escalateAfter", "30s"));
        if (escalate.isZero()) throw new ConfigException("escalateAfter", str(p, "escalateAfter", ""), "a duration above 0");
        Duration heartbeat = Durations.parse("heartbeatInterval", str(p, "heartbeatInterval", "3s"));
        if (heartbeat.toMillis() < 100 || heartbeat.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new ConfigException("heartbeatInterval", str(p, "heartbeatInterval", ""), "a duration from 100ms to 60s (as the agents allow)");
        }
        if (!str(p, "mqtt.password", "").isEmpty() && str(p, "mqtt.username", "").isEmpty()) {
            throw new ConfigException("mqtt.password", "(set)", "only together with mqtt.username (MQTT has no password without a user name)");
        }
        String token = str(p, "staff.token", "");
        return new GatewayConfig(site, gatewayId, mqttUri,
                emptyToNull(str(p, "mqtt.username", "")), emptyToNull(str(p, "mqtt.password", "")), caFile, keepAlive,
                str(p, "broker.bind", "0.0.0.0"), port(p, "broker.port", 1883, 1), persistence.equals("file"),
                str(p, "http.bind", "0.0.0.0"), port(p, "http.port", 8080, 0),
                Path.of(str(p, "data.dir", "./boothwatch-data")),
                emptyToNull(jdbc), emptyToNull(str(p, "store.username", "")), emptyToNull(str(p, "store.password", "")),
                escalate, heartbeat, emptyToNull(token), webhooks(str(p, "escalation.webhooks", "")));
    }

    public boolean embeddedBroker() {
        return mqttUri.isEmpty();
    }

    /** The JDBC URL of the event store: the configured one or SQLite in the data dir. */
    public String jdbcUrl() {
        return storeJdbcUrl != null ? storeJdbcUrl : "jdbc:sqlite:" + dataDir.resolve("events.db");
    }

    public GatewayConfig withHttpPort(int v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, v, dataDir, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withHttpBind(String v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, v, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withMqttUri(String v) {
        return new GatewayConfig(site, gatewayId, v == null ? "" : v, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind,
                brokerPort, brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword,
                escalateAfter, heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withBroker(String bind, int port, boolean persistent) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, bind, port,
                persistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withDataDir(Path v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, httpPort, v, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withSite(String v) {
        return new GatewayConfig(Ids.require("site", v), gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive,
                brokerBind, brokerPort, brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername,
                storePassword, escalateAfter, heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withGatewayId(String v) {
        return new GatewayConfig(site, Ids.require("gateway.id", v), mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive,
                brokerBind, brokerPort, brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername,
                storePassword, escalateAfter, heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withEscalateAfter(Duration v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword, v,
                heartbeatInterval, staffToken, webhooks);
    }

    public GatewayConfig withHeartbeatInterval(Duration v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                v, staffToken, webhooks);
    }

    public GatewayConfig withStaffToken(String v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                heartbeatInterval, v == null || v.isEmpty() ? null : v, webhooks);
    }

    public GatewayConfig withWebhooks(List<URI> v) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, httpPort, dataDir, storeJdbcUrl, storeUsername, storePassword, escalateAfter,
                heartbeatInterval, staffToken, v);
    }

    public GatewayConfig withStore(String jdbcUrl, String username, String password) {
        return new GatewayConfig(site, gatewayId, mqttUri, mqttUsername, mqttPassword, mqttTlsCaFile, mqttKeepAlive, brokerBind, brokerPort,
                brokerPersistent, httpBind, httpPort, dataDir, jdbcUrl, username, password, escalateAfter,
                heartbeatInterval, staffToken, webhooks);
    }

    @Override
    public String toString() {
        return "site=" + site + " gateway.id=" + gatewayId + " mqtt.uri=" + (embeddedBroker() ? "(embedded)" : mqttUri)
                + " http=" + httpBind + ":" + httpPort + " data.dir=" + dataDir + " escalateAfter=" + Durations.format(escalateAfter)
                + " heartbeatInterval=" + Durations.format(heartbeatInterval) + " staff.token=" + (staffToken == null ? "off" : "set")
                + " webhooks=" + webhooks.size();
    }

    private static String str(Properties p, String key, String dflt) {
        String v = p.getProperty(key);
        return v == null ? dflt : v.trim();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String id(Properties p, String key, String dflt) {
        String v = str(p, key, dflt);
        if (!Ids.isValid(v)) throw new ConfigException(key, v, Ids.ALLOWED);
        return v;
    }

    private static int port(Properties p, String key, int dflt, int min) {
        String v = str(p, key, Integer.toString(dflt));
        String allowed = "an integer " + min + "-65535" + (min == 0 ? " (0 = any free port)" : "");
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > 65535) throw new ConfigException(key, v, allowed);
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v, allowed);
        }
    }

    private static List<URI> webhooks(String v) {
        List<URI> out = new ArrayList<>();
        if (v.isEmpty()) return out;
        for (String s : v.split(",")) {
            String t = s.trim();
            try {
                URI u = URI.create(t);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                out.add(u);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("escalation.webhooks", t, "comma-separated http:// or https:// URLs");
            }
        }
        return out;
    }
}
