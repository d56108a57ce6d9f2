package org.boothwatch.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Topics;
import org.boothwatch.reliability.support.Booth;
import org.boothwatch.reliability.support.ChildJvm;
import org.boothwatch.reliability.support.GatewayProcess;
import org.boothwatch.reliability.support.Http;
import org.boothwatch.reliability.support.Ledger;
import org.boothwatch.reliability.support.Mosquitto;
import org.boothwatch.reliability.support.Site;
import org.boothwatch.reliability.support.TestClient;
import org.boothwatch.reliability.support.Traffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provisioned site end to end: Mosquitto with the generated TLS config, password file and ACL; the
 * gateway and the agents configured only from the generated snippets. A booth's credential cannot speak
 * for another booth; a wrong CA and plain TCP are refused, each with a clear log line.
 */
class AclTlsIT {
    @TempDir static Path tmp;
    static Site site;
    static Mosquitto broker;
    static GatewayProcess gateway;
    static Booth b01;

    @BeforeAll
    static void startSite() {
        site = Site.provision(tmp.resolve("site"), "sec", "b01", "b02");
        broker = Mosquitto.provisioned(tmp.resolve("broker"), site.mosquittoConf(), site.port());
        gateway = new GatewayProcess(tmp.resolve("gateway"), asMap(Site.properties(site.gatewayProperties()))).start();
        b01 = new Booth("sec", "b01", tmp.resolve("agent-b01"), asMap(Site.properties(site.boothProperties("b01")))).start();
        await("b01 online over TLS").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> gateway.http().booth("b01").path("online").asBoolean());
    }

    @AfterAll
    static void stop() {
        if (b01 != null) b01.close();
        if (gateway != null) gateway.close();
        if (broker != null) broker.close();
    }

    private static Map<String, String> asMap(Properties p) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
        return m;
    }

    @Test
    void boothCredentialPublishingAsAnotherBoothIsRefusedAndNeverReachesTheDisplay() throws Exception {
        Http http = gateway.http();
        double rejectedBefore = http.metricSum("boothwatch_payloads_rejected_total");
        Traffic forged = new Traffic("sec", "b01", b01.agent().bootId());
        AlarmInfo fake = forged.alarm("forged-by-b02-1", AlarmType.PANIC);
        AlarmInfo fake2 = forged.alarm("forged-by-b02-2", AlarmType.PANIC);
        try (TestClient attacker = site.booth(broker, "b02")) {
            // On b01's own topics: the broker's ACL refuses it.
            attacker.publish(Topics.event("sec", "b01"), forged.raised(fake), 1, false);
            attacker.publish(Topics.state("sec", "b01"), forged.state(List.of(fake)), 1, true);
            // On b02's topic but claiming to be b01: the broker lets it through, the gateway rejects and counts it.
            attacker.publish(Topics.event("sec", "b02"), forged.raised(fake2), 1, false);
        }
        await("broker logs the refusal").atMost(Duration.ofSeconds(5))
                .until(() -> broker.log().contains("Denied PUBLISH from booth-sec-b02"));
        await("gateway counts the spoofed payload").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.metricSum("boothwatch_payloads_rejected_total") >= rejectedBefore + 1);
        // A real alarm from b01 after the forgeries: once it is recorded, the forgeries were judged.
        b01.panic();
        b01.reset();
        Ledger.assertMatch(http, List.of(b01), Duration.ofSeconds(20));
        String all = http.get("/api/alarms?from=1970-01-01&to=2100-01-01").body() + http.get("/api/booths").body()
                + http.get("/api/alarms?state=active").body();
        assertFalse(all.contains("forged-by-b02"), all);
        assertTrue(gateway.log().contains("differs from topic booth"), "gateway logs the spoof with its reason");
    }

    @Test
    void wrongCaIsRefusedWithAClearLogLine() throws Exception {
        Site other = Site.provision(tmp.resolve("other-site"), "sec", "b02");
        Path cfg = snippetWith("b02", Map.of("mqtt.tls.caFile", other.caPem().toString()));
        try (ChildJvm agent = ChildJvm.start(ChildJvm.jar("agent.jar"), tmp.resolve("wrong-ca.log"), List.of(), "--config", cfg.toString())) {
            try {
                await("agent logs why TLS failed").atMost(Duration.ofSeconds(20))
                        .until(() -> agent.output().toLowerCase().matches("(?s).*(certificate|pkix|handshake).*"));
            } finally {
                System.out.println("TLS wrong CA, agent output:\n" + agent.output());
            }
            System.out.println("TLS wrong CA, agent says: " + firstMatching(agent.output(), "certificate|PKIX|handshake"));
            await("broker logs the failed handshake").atMost(Duration.ofSeconds(5))
                    .until(() -> broker.log().contains("OpenSSL Error"));
            System.out.println("TLS wrong CA, broker says: " + lastMatching(broker.log(), "OpenSSL Error"));
            assertNeverOnline("b02");
        }
    }

    @Test
    void plainTcpIsRefusedWithAClearLogLine() throws Exception {
        Path cfg = snippetWith("b02", Map.of("mqtt.uri", "tcp://localhost:" + site.port(), "mqtt.tls.caFile", ""));
        int before = (int) broker.log().lines().filter(l -> l.contains("protocol error") || l.contains("OpenSSL Error")).count();
        try (ChildJvm agent = ChildJvm.start(ChildJvm.jar("agent.jar"), tmp.resolve("plain.log"), List.of(), "--config", cfg.toString())) {
            await("broker logs the non-TLS connection").atMost(Duration.ofSeconds(20))
                    .until(() -> broker.log().lines().filter(l -> l.contains("protocol error") || l.contains("OpenSSL Error")).count() > before);
            System.out.println("plain TCP, broker says: " + lastMatching(broker.log(), "protocol error|OpenSSL Error"));
            await("agent logs the failed connection").atMost(Duration.ofSeconds(20))
                    .until(() -> agent.output().matches("(?s).*(tcp://localhost:" + site.port() + ").*(fail|lost|refused|closed).*"));
            System.out.println("plain TCP, agent says: " + firstMatching(agent.output(), "fail|lost|refused|closed"));
            assertNeverOnline("b02");
        }
    }

    /** 127.0.0.2 reaches the same broker, but the certificate names only localhost and 127.0.0.1. */
    @Test
    void hostNameCheckingIsOnInAgentAndGateway() throws Exception {
        String wrongName = "ssl://127.0.0.2:" + site.port();
        Path cfg = snippetWith("b02", Map.of("mqtt.uri", wrongName));
        Map<String, String> gwSettings = asMap(Site.properties(site.gatewayProperties()));
        gwSettings.put("mqtt.uri", wrongName);
        gwSettings.put("gateway.id", "gw1");
        try (ChildJvm agent = ChildJvm.start(ChildJvm.jar("agent.jar"), tmp.resolve("wrong-name.log"), List.of(), "--config", cfg.toString());
             GatewayProcess gw2 = new GatewayProcess(tmp.resolve("gateway-wrong-name"), gwSettings).launch()) {
            await("agent tried and failed").atMost(Duration.ofSeconds(20)).until(() -> agent.output().contains("cannot connect to " + wrongName));
            await("second gateway answers").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> gw2.http().get("/healthz").status() == 503);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> gw2.http().get("/healthz").status() == 503);
            assertTrue(gw2.http().get("/healthz").body().contains("mqtt"), gw2.http().get("/healthz").body());
            assertNeverOnline("b02");
        }
    }

    private static void assertNeverOnline(String booth) {
        JsonNode b = gateway.http().booth(booth);
        assertTrue(b == null || !b.path("online").asBoolean(), "booth " + booth + " must not be online: " + b);
    }

    private static Path snippetWith(String booth, Map<String, String> overrides) throws Exception {
        Properties p = Site.properties(site.boothProperties(booth));
        p.setProperty("gpio.provider", "mock");
        p.setProperty("queue.dir", tmp.resolve("agent-" + booth + "-" + System.nanoTime()).toString());
        overrides.forEach((k, v) -> {
            if (v.isEmpty()) p.remove(k);
            else p.setProperty(k, v);
        });
        StringBuilder text = new StringBuilder();
        for (String k : p.stringPropertyNames()) text.append(k).append('=').append(p.getProperty(k)).append('\n');
        return Files.writeString(tmp.resolve(booth + "-" + System.nanoTime() + ".properties"), text);
    }

    private static String lastMatching(String log, String regex) {
        List<String> l = log.lines().filter(x -> x.matches("(?i).*(" + regex + ").*")).toList();
        return l.isEmpty() ? "(none)" : l.get(l.size() - 1);
    }

    private static String firstMatching(String log, String regex) {
        return log.lines().filter(l -> l.matches("(?i).*(" + regex + ").*")).findFirst().orElse("(none)");
    }
}
