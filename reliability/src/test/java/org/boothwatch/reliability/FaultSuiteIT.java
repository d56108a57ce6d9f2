package org.boothwatch.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.testing.FaultProxy;
import org.boothwatch.reliability.support.Booth;
import org.boothwatch.reliability.support.ChildJvm;
import org.boothwatch.reliability.support.GatewayProcess;
import org.boothwatch.reliability.support.Http;
import org.boothwatch.reliability.support.Ledger;
import org.boothwatch.reliability.support.Mosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults a site really meets, against a real Mosquitto (persistence on), the real gateway as a child
 * process (kill -9 / SIGSTOP) and the real agent code. Each test counts the alarms raised at the booths
 * against the alarms the gateway recorded: all of them, none twice.
 */
class FaultSuiteIT {
    @TempDir Path tmp;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    private Mosquitto broker() {
        return keep(Mosquitto.plain(tmp.resolve("mosquitto")));
    }

    private GatewayProcess gateway(String site, Mosquitto broker) {
        return keep(new GatewayProcess(tmp.resolve("gateway"), Map.of("site", site, "mqtt.uri", broker.uri()))).start();
    }

    private Booth booth(String site, String id, String uri) {
        return keep(new Booth(site, id, tmp.resolve("agent-" + id), Map.of("mqtt.uri", uri))).start();
    }

    private static void awaitOnline(Http http, String booth) {
        await(booth + " online at the gateway").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> http.booth(booth) != null && http.booth(booth).path("online").asBoolean());
    }

    @Test
    void brokerKilledAndRestartedMidStream() {
        Mosquitto broker = broker();
        GatewayProcess gw = gateway("f1", broker);
        List<Booth> booths = List.of(booth("f1", "b01", broker.uri()), booth("f1", "b02", broker.uri()), booth("f1", "b03", broker.uri()));
        for (Booth b : booths) awaitOnline(gw.http(), b.config().booth());
        for (int round = 0; round < 6; round++) {
            for (Booth b : booths) {
                b.panic();
                b.reset();
            }
            if (round == 2) {
                broker.kill9();
                broker.restart();
            }
        }
        Ledger.assertMatch(gw.http(), booths, Duration.ofSeconds(30));
    }

    @Test
    void gatewayKilledAndRestartedMidStream() {
        Mosquitto broker = broker();
        GatewayProcess gw = gateway("f2", broker);
        List<Booth> booths = List.of(booth("f2", "b01", broker.uri()), booth("f2", "b02", broker.uri()));
        for (Booth b : booths) awaitOnline(gw.http(), b.config().booth());
        for (int round = 0; round < 6; round++) {
            if (round == 2) gw.kill9();
            for (Booth b : booths) {
                b.panic();
                b.reset();
            }
            if (round == 4) gw.start();
        }
        Ledger.assertMatch(gw.http(), booths, Duration.ofSeconds(30));
    }

    @Test
    void agentNetworkCutLongerThanKeepaliveThenAgentRestartedBeforeTheNetworkReturns() {
        Mosquitto broker = broker();
        GatewayProcess gw = gateway("f3", broker);
        FaultProxy net = keep(new FaultProxy(broker.port()));
        Booth b = booth("f3", "b01", net.uri());
        Http http = gw.http();
        awaitOnline(http, "b01");
        b.panic();
        b.reset();
        net.cut();
        await("agent notices the cut (keepalive)").atMost(Duration.ofSeconds(10)).until(() -> !b.agent().isWatched());
        await("gateway shows b01 offline").atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> hasActive(http, "b01", "BOOTH_OFFLINE"));
        b.panic();
        b.reset();
        b.panic();
        b.crash();
        b.start();
        await("restarted agent is in alarm from its saved state").atMost(Duration.ofSeconds(5)).until(() -> !b.activeAlarmIds().isEmpty());
        assertTrue(b.io().getBuzzer() == Buzzer.ON || awaitBuzzer(b), "unwatched booth with an alarm must sound its buzzer");
        net.restore();
        awaitOnline(http, "b01");
        b.reset();
        b.panic();
        b.reset();
        Ledger.assertMatch(http, List.of(b), Duration.ofSeconds(30));
    }

    @Test
    void hungGatewayMakesBoothsAnnounceLocallyWithin10s() {
        Mosquitto broker = broker();
        GatewayProcess gw = gateway("f4", broker);
        Booth b = booth("f4", "b01", broker.uri());
        awaitOnline(gw.http(), "b01");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.agent().isWatched());
        long t0 = System.nanoTime();
        gw.freeze();
        b.panic();
        try {
            await("buzzer on and lamp flashing within 10 s of the gateway hanging").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> b.io().getBuzzer() == Buzzer.ON && b.io().getLamp() == Lamp.FLASH);
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            // Measure how late, for the report, then fail anyway.
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> b.io().getBuzzer() == Buzzer.ON && b.io().getLamp() == Lamp.FLASH);
                System.out.println("HUNG-GATEWAY late: local annunciation only after ms " + (System.nanoTime() - t0) / 1_000_000);
            } catch (org.awaitility.core.ConditionTimeoutException never) {
                System.out.println("HUNG-GATEWAY no local annunciation within 40 s");
            }
            throw late;
        } finally {
            System.out.println("HUNG-GATEWAY local annunciation after ms " + (System.nanoTime() - t0) / 1_000_000
                    + " buzzer=" + b.io().getBuzzer() + " lamp=" + b.io().getLamp());
            gw.thaw();
        }
        b.reset();
        try {
            Ledger.assertMatch(gw.http(), List.of(b), Duration.ofSeconds(30));
        } catch (AssertionError | RuntimeException e) {
            System.out.println("HUNG-GATEWAY gateway log after the thaw:\n" + gw.log());
            throw e;
        }
    }

    @Test
    void hungAgentShowsBoothOfflineWithin10s() throws Exception {
        Mosquitto broker = broker();
        GatewayProcess gw = gateway("f5", broker);
        Http http = gw.http();
        Path cfg = java.nio.file.Files.writeString(tmp.resolve("booth.properties"), String.join("\n",
                "site=f5", "booth=b07", "mqtt.uri=" + broker.uri(), "gpio.provider=mock",
                "queue.dir=" + tmp.resolve("agent-b07"), ""));
        ChildJvm agent = keep(ChildJvm.start(ChildJvm.jar("agent.jar"), tmp.resolve("agent-b07.log"), List.of(), "--config", cfg.toString()));
        awaitOnline(http, "b07");
        long t0 = System.nanoTime();
        agent.freeze();
        try {
            await("BOOTH_OFFLINE within 10 s of the agent hanging").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> hasActive(http, "b07", "BOOTH_OFFLINE"));
        } finally {
            System.out.println("HUNG-AGENT BOOTH_OFFLINE after ms " + (System.nanoTime() - t0) / 1_000_000);
            agent.thaw();
        }
        await("b07 back online after SIGCONT").atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> !hasActive(http, "b07", "BOOTH_OFFLINE") && http.booth("b07").path("online").asBoolean());
    }

    private static boolean awaitBuzzer(Booth b) {
        await("buzzer on").atMost(Duration.ofSeconds(5)).until(() -> b.io().getBuzzer() == Buzzer.ON);
        return true;
    }

    static boolean hasActive(Http http, String booth, String type) {
        for (JsonNode a : http.activeAlarms()) {
            if (booth.equals(a.path("booth").asText()) && type.equals(a.path("type").asText())) return true;
        }
        return false;
    }
}
