package org.boothwatch.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.reliability.support.HostilePayloads;
import org.boothwatch.reliability.support.Http;
import org.boothwatch.reliability.support.Mosquitto;
import org.boothwatch.reliability.support.TestClient;
import org.boothwatch.reliability.support.Traffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000+ malformed payloads on every booth topic the gateway reads, through a real Mosquitto, interleaved
 * with valid traffic: the gateway stays healthy, records every valid alarm and counts every invalid payload.
 */
class PayloadFuzzIT {
    private static final String SITE = "fuzz";
    private static final List<String> BOOTHS = List.of("b01", "b02", "b03", "b04");
    private static final int HOSTILE = 10_400;
    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);

    @TempDir Path tmp;

    @Test
    void hostilePayloadsAreCountedAndNeverHurtValidTraffic() throws Exception {
        try (Mosquitto broker = Mosquitto.inMemory(tmp.resolve("mq"))) {
            Properties p = new Properties();
            p.setProperty("site", SITE);
            p.setProperty("mqtt.uri", broker.uri());
            p.setProperty("http.bind", "127.0.0.1");
            p.setProperty("http.port", "0");
            p.setProperty("data.dir", tmp.resolve("gw").toString());
            p.setProperty("heartbeatInterval", "60s");
            Gateway gw = Gateway.start(GatewayConfig.fromProperties(p), TimeSource.SYSTEM);
            try (TestClient pub = TestClient.anonymous(broker.uri(), "fuzzer")) {
                Http http = new Http(gw.httpPort());
                await().atMost(Duration.ofSeconds(10)).until(http::healthy);
                Random random = new Random(SEED);
                HostilePayloads hostile = new HostilePayloads(random);
                Map<String, Traffic> traffic = new java.util.HashMap<>();
                for (String b : BOOTHS) {
                    traffic.put(b, new Traffic(SITE, b, "boot-" + b));
                    pub.publishAsync(Topics.status(SITE, b), traffic.get(b).status(true), 1, true);
                }
                Map<HostilePayloads.Kind, Integer> sentByKind = new EnumMap<>(HostilePayloads.Kind.class);
                List<String> validAlarmIds = new ArrayList<>();
                int hostileSent = 0;
                long t0 = System.nanoTime();
                int round = 0;
                while (hostileSent < HOSTILE) {
                    String booth = BOOTHS.get(random.nextInt(BOOTHS.size()));
                    Traffic t = traffic.get(booth);
                    // A throwaway valid payload of the topic's type is the base the damage starts from.
                    Topics.BoothTopic kind = List.of(Topics.BoothTopic.STATUS, Topics.BoothTopic.STATE, Topics.BoothTopic.EVENT,
                            Topics.BoothTopic.HEARTBEAT).get(random.nextInt(4));
                    Traffic scratch = new Traffic(SITE, booth, "boot-" + booth);
                    byte[] base = switch (kind) {
                        case STATUS -> scratch.status(true);
                        case STATE -> scratch.state(List.of(scratch.alarm("x-" + round, AlarmType.PANIC)));
                        case EVENT -> scratch.raised(scratch.alarm("x-" + round, AlarmType.PANIC));
                        default -> scratch.heartbeat();
                    };
                    HostilePayloads.Kind k = HostilePayloads.Kind.values()[random.nextInt(HostilePayloads.Kind.values().length)];
                    pub.publishAsync(Topics.booth(SITE, booth, kind), hostile.make(k, base), 1, false);
                    sentByKind.merge(k, 1, Integer::sum);
                    hostileSent++;
                    if (++round % 40 == 0) {
                        AlarmInfo a = t.alarm("boot-" + booth + "-" + round, round % 80 == 0 ? AlarmType.PANIC : AlarmType.INACTIVITY);
                        pub.publishAsync(Topics.event(SITE, booth), t.raised(a), 1, false);
                        pub.publishAsync(Topics.state(SITE, booth), t.state(List.of(a)), 1, true);
                        pub.publishAsync(Topics.heartbeat(SITE, booth), t.heartbeat(), 1, false);
                        pub.publishAsync(Topics.event(SITE, booth), t.resolved(a), 1, false);
                        pub.publishAsync(Topics.state(SITE, booth), t.state(List.of()), 1, true);
                        validAlarmIds.add(a.id());
                    }
                    if (round % 2000 == 0) assertTrue(http.healthy(), "unhealthy during the fuzz: " + http.get("/healthz"));
                }
                pub.flush();
                int sent = hostileSent;
                System.out.println("FUZZ published in ms " + (System.nanoTime() - t0) / 1_000_000);
                // Generous: on a loaded 2-core machine the gateway drains the backlog slowly (docs/reliability.md).
                await("every hostile payload counted").atMost(Duration.ofSeconds(120)).ignoreExceptions()
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> http.metricSum("boothwatch_payloads_rejected_total"), n -> n >= sent);
                System.out.println("FUZZ counted in ms " + (System.nanoTime() - t0) / 1_000_000);
                assertEquals(sent, (long) http.metricSum("boothwatch_payloads_rejected_total"), "rejected count, sent by kind " + sentByKind);
                assertTrue(http.healthy(), http.get("/healthz").toString());

                await("every valid alarm stored").atMost(Duration.ofSeconds(30)).until(() -> resolvedIds(http).containsAll(validAlarmIds));
                List<JsonNode> stored = http.allAlarms().stream().filter(a -> !"BOOTH_OFFLINE".equals(a.path("type").asText())).toList();
                assertEquals(validAlarmIds.size(), stored.size(), "stored alarms (no extra, no duplicate)");
                assertEquals(Set.copyOf(validAlarmIds), resolvedIds(http));
                assertEquals(0, (long) http.metricSum("boothwatch_events_duplicate_total"));
                assertTrue(validAlarmIds.size() >= 250, "valid alarms: " + validAlarmIds.size());
                for (HostilePayloads.Kind k : HostilePayloads.Kind.values()) {
                    assertTrue(sentByKind.getOrDefault(k, 0) > 300, k + " sent " + sentByKind.get(k));
                }
            } finally {
                gw.close();
            }
        }
    }

    private static Set<String> resolvedIds(Http http) {
        Set<String> ids = new HashSet<>();
        for (JsonNode a : http.allAlarms()) {
            if (!a.path("active").asBoolean(true)) ids.add(a.path("id").asText());
        }
        return ids;
    }
}
