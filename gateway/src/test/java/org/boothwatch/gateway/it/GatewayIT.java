package org.boothwatch.gateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The gateway against a real (embedded HiveMQ CE) broker, fed by plain MQTT clients publishing contract payloads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayIT {
    Path brokerDir;
    Path data;

    EmbeddedBroker broker;
    final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    void startBroker() throws Exception {
        brokerDir = java.nio.file.Files.createTempDirectory("gwit-broker");
        broker = EmbeddedBroker.startOnFreePort(brokerDir);
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void dataDir() throws Exception {
        data = java.nio.file.Files.createTempDirectory("gwit-data");
    }

    @AfterEach
    void cleanup() throws Exception {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        closeables.clear();
    }

    Gateway gateway(String site, Path dir) {
        GatewayConfig cfg = GatewayConfig.defaults().withSite(site).withMqttUri(broker.uri()).withHttpPort(0)
                .withHttpBind("127.0.0.1").withDataDir(dir).withHeartbeatInterval(Duration.ofSeconds(1));
        Gateway g = Gateway.start(cfg, TimeSource.SYSTEM);
        closeables.add(g::close);
        await().atMost(10, TimeUnit.SECONDS).until(g::mqttConnected);
        return g;
    }

    FakeBooth booth(String site, String booth, String bootId) throws Exception {
        FakeBooth b = new FakeBooth(broker.uri(), site, booth, bootId);
        closeables.add(0, b);
        return b;
    }

    static JsonNode boothNode(Http http, String booth) throws Exception {
        for (JsonNode b : http.get("/api/booths").json().get("booths")) {
            if (b.get("booth").asText().equals(booth)) return b;
        }
        return null;
    }

    @Test
    void boothMessagesProduceBoothsAlarmsAndSseAndAnAckSendsACmd() throws Exception {
        Gateway g = gateway("s1", data);
        Http http = new Http(g.httpPort());
        BlockingQueue<Http.Sse> sse = http.stream();
        Http.Sse first = sse.poll(5, TimeUnit.SECONDS);
        assertNotNull(first);
        assertEquals("snapshot", first.event());

        FakeBooth b = booth("s1", "b01", "boot1");
        b.birth();
        b.state(Phase.OCCUPIED, true, List.of());
        b.occupied();
        await().atMost(5, TimeUnit.SECONDS).until(() -> {
            JsonNode n = boothNode(http, "b01");
            return n != null && n.get("online").asBoolean() && "OCCUPIED".equals(n.path("phase").asText());
        });
        AlarmInfo panic = b.panic();

        await().atMost(5, TimeUnit.SECONDS).until(() -> {
            JsonNode n = boothNode(http, "b01");
            return n.get("alarms").size() == 1 && "ALARM".equals(n.get("phase").asText());
        });
        JsonNode alarms = http.get("/api/alarms?state=active").json().get("alarms");
        assertEquals(1, alarms.size());
        JsonNode a = alarms.get(0);
        assertEquals(panic.id(), a.get("id").asText());
        assertEquals("PANIC", a.get("type").asText());
        assertEquals("HIGH", a.get("priority").asText());
        assertEquals("RAISED", a.get("state").asText());
        assertEquals("b01", a.get("booth").asText());

        Http.Sse alarmEvent = next(sse, "alarm", panic.id());
        assertEquals("RAISED", alarmEvent.json().get("state").asText());
        next(sse, "booth", "b01");
        assertNotNull(next(sse, "tick", "serverTime"));

        Http.Response ack = http.post("/api/alarms/" + panic.id() + "/ack", "{\"by\":\"display-1\"}");
        assertEquals(200, ack.status(), ack.body());
        assertEquals("ACKNOWLEDGED", ack.json().get("state").asText());
        assertEquals("display-1", ack.json().get("acknowledgedBy").asText());
        assertTrue(ack.json().get("boothReachable").asBoolean());
        CommandPayload cmd = b.commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(cmd, "the booth received no cmd");
        assertEquals(CommandType.ACKNOWLEDGE, cmd.cmd());
        assertEquals(panic.id(), cmd.alarmId());
        assertEquals("display-1", cmd.by());
        assertEquals("ACKNOWLEDGED", next(sse, "alarm", panic.id()).json().get("state").asText());

        assertEquals(400, http.post("/api/alarms/" + panic.id() + "/resolve", "{\"by\":\"display-1\"}").status());
        assertEquals(404, http.post("/api/alarms/nope/ack", "{\"by\":\"x\"}").status());
        Http.Response res = http.post("/api/alarms/" + panic.id() + "/resolve", "{\"by\":\"display-1\",\"reason\":\"person responsive\"}");
        assertEquals(200, res.status(), res.body());
        CommandPayload rc = b.commands.poll(5, TimeUnit.SECONDS);
        assertEquals(CommandType.RESOLVE, rc.cmd());
        assertEquals("person responsive", rc.reason());
        assertEquals(0, http.get("/api/alarms?state=active").json().get("alarms").size());
        JsonNode hist = http.get("/api/alarms?from=2000-01-01&to=2999-01-01").json().get("alarms");
        assertEquals(1, hist.size());
        assertEquals("REMOTE", hist.get(0).get("resolvedBy").asText());
        assertEquals("display-1", hist.get(0).get("resolvedByWho").asText());
        assertEquals(200, http.get("/healthz").status());
        assertTrue(http.get("/metrics").body().contains("boothwatch_events_received_total{topic=\"event\"}"));
    }

    @Test
    void lastWillGivesBoothOfflineWithin10sAndBackOnlineClearsIt() throws Exception {
        Gateway g = gateway("s2", data);
        Http http = new Http(g.httpPort());
        FakeBooth b = booth("s2", "b01", "boot1");
        b.birth();
        b.heartbeat();
        await().atMost(5, TimeUnit.SECONDS).until(() -> boothNode(http, "b01") != null);
        long t0 = System.nanoTime();
        b.crash();
        await().atMost(10, TimeUnit.SECONDS).until(() -> offlineAlarm(http, "b01") != null);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
        assertEquals("last will", offlineAlarm(http, "b01").get("reason").asText());
        assertFalse(boothNode(http, "b01").get("online").asBoolean());

        // A late will from an older start must not take the new start offline.
        FakeBooth again = booth("s2", "b01", "boot2");
        again.birth();
        again.heartbeat();
        await().atMost(5, TimeUnit.SECONDS).until(() -> offlineAlarm(http, "b01") == null);
        FakeBooth old = booth("s2", "b01x", "boot1");
        old.publish(Topics.status("s2", "b01"), org.boothwatch.contract.Json.write(
                new org.boothwatch.contract.StatusPayload(1, "s2", "b01", "boot1", 99, java.time.Instant.now(), false, "t", null)), 1, false);
        again.heartbeat();
        await().during(1, TimeUnit.SECONDS).atMost(3, TimeUnit.SECONDS).until(() -> offlineAlarm(http, "b01") == null);
    }

    @Test
    void heartbeatSilenceGivesBoothOfflineWithin10s() throws Exception {
        Gateway g = gateway("s3", data);
        Http http = new Http(g.httpPort());
        FakeBooth b = booth("s3", "b01", "boot1");
        b.birth();
        b.heartbeat();
        await().atMost(5, TimeUnit.SECONDS).until(() -> boothNode(http, "b01") != null);
        // The MQTT connection stays up (no will); only the heartbeats stop.
        await().atMost(10, TimeUnit.SECONDS).until(() -> offlineAlarm(http, "b01") != null);
        assertEquals("3 heartbeats missed", offlineAlarm(http, "b01").get("reason").asText());
        b.heartbeat();
        await().atMost(5, TimeUnit.SECONDS).until(() -> offlineAlarm(http, "b01") == null);
        JsonNode hist = http.get("/api/alarms?from=2000-01-01").json().get("alarms");
        assertEquals("BOOTH_ONLINE", hist.get(0).get("resolvedBy").asText());
    }

    @Test
    void malformedPayloadsAreCountedAndTheGatewayStaysHealthy() throws Exception {
        Gateway g = gateway("s4", data);
        Http http = new Http(g.httpPort());
        FakeBooth b = booth("s4", "b01", "boot1");
        String ev = Topics.event("s4", "b01");
        b.raw(ev, "{not json");
        b.raw(ev, "{\"v\":1,\"site\":\"s4\",\"booth\":\"b01\",\"bootId\":\"x\",\"seq\":\"7\",\"at\":\"2026-01-01T00:00:00.000Z\",\"kind\":\"OCCUPIED\"}");
        b.raw(ev, "{\"v\":1,\"site\":\"s4\",\"booth\":\"b01\",\"bootId\":\"x\",\"seq\":8,\"at\":\"2026-01-01T00:00:00.000Z\",\"kind\":\"EXPLODED\"}");
        b.raw(ev, "{\"v\":1,\"site\":\"s4\",\"booth\":\"b02\",\"bootId\":\"x\",\"seq\":9,\"at\":\"2026-01-01T00:00:00.000Z\",\"kind\":\"OCCUPIED\"}");
        b.raw(Topics.state("s4", "b01"), "[]");
        b.birth();
        await().atMost(5, TimeUnit.SECONDS).until(() -> g.metrics().rejectedTotal() == 5 && boothNode(http, "b01") != null);
        assertEquals(1, g.metrics().rejectedCount("event", "spoofed"));
        assertEquals(3, g.metrics().rejectedCount("event", "malformed"));
        assertEquals(1, g.metrics().rejectedCount("state", "malformed"));
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("boothwatch_payloads_rejected_total{topic=\"event\",reason=\"spoofed\"} 1"), metrics);
        assertEquals(200, http.get("/healthz").status());
        assertEquals(0, g.storedEvents());
        assertEquals(null, boothNode(http, "b02"));
    }

    @Test
    void alarmHistoryComesInPagesThatFollowOnWithoutGapsOrRepeats() throws Exception {
        Gateway g = gateway("s9", data);
        Http http = new Http(g.httpPort());
        FakeBooth b = booth("s9", "b01", "boot1");
        b.birth();
        List<String> raised = new ArrayList<>();
        for (int i = 0; i < 5; i++) raised.add(b.panic().id());
        await().atMost(5, TimeUnit.SECONDS).until(() -> g.storedEvents() == 5);

        assertEquals(400, http.get("/api/alarms?from=2000-01-01&to=2999-01-01&limit=0").status());
        assertEquals(400, http.get("/api/alarms?from=2000-01-01&to=2999-01-01&limit=10001").status());
        List<String> seen = new ArrayList<>();
        String url = "/api/alarms?from=2000-01-01&to=2999-01-01&limit=2";
        int pages = 0;
        while (url != null) {
            JsonNode page = http.get(url).json();
            for (JsonNode a : page.get("alarms")) seen.add(a.get("id").asText());
            pages++;
            boolean truncated = page.get("truncated").asBoolean();
            assertEquals(truncated, page.has("next"), page.toString());
            url = truncated ? page.get("next").asText() : null;
        }
        assertEquals(3, pages);
        assertEquals(raised.stream().sorted().toList(), seen.stream().sorted().toList(), "every alarm once");
        JsonNode all = http.get("/api/alarms?from=2000-01-01&to=2999-01-01").json();
        assertEquals(5, all.get("alarms").size(), "the default page (1,000) holds them all");
        assertFalse(all.get("truncated").asBoolean());
    }

    @Test
    void killedGatewayRebuildsFromRetainedAndGetsEventsSentWhileDownExactlyOnce() throws Exception {
        Gateway g1 = gateway("s5", data);
        FakeBooth b = booth("s5", "b01", "boot1");
        b.birth();
        b.occupied();
        b.state(Phase.OCCUPIED, true, List.of());
        await().atMost(5, TimeUnit.SECONDS).until(() -> g1.storedEvents() == 1);
        g1.kill();

        // While the gateway is down: a session ends, another starts and a PANIC is raised.
        b.vacated(600);
        b.occupied();
        AlarmInfo panic = b.panic();

        Gateway g2 = gateway("s5", data);
        Http http = new Http(g2.httpPort());
        await().atMost(10, TimeUnit.SECONDS).until(() -> g2.storedEvents() == 4);
        JsonNode n = boothNode(http, "b01");
        assertEquals("ALARM", n.get("phase").asText());
        JsonNode active = http.get("/api/alarms?state=active").json().get("alarms");
        assertEquals(1, active.size());
        assertEquals(panic.id(), active.get(0).get("id").asText());

        // The same event again (a redelivery) is stored once.
        b.publish(Topics.event("s5", "b01"), org.boothwatch.contract.Json.write(
                org.boothwatch.contract.EventPayload.vacated(org.boothwatch.contract.Envelope.of("s5", "b01", "boot1", 5,
                        java.time.Instant.now()), 600)), 1, false);
        await().atMost(5, TimeUnit.SECONDS).until(() -> g2.metrics().duplicates() == 1);
        assertEquals(4, g2.storedEvents());
        JsonNode report = http.get("/api/report").json().get("rows");
        assertEquals(1, report.size());
        assertEquals(1, report.get(0).get("sessions").asInt());
        assertEquals(10.0, report.get(0).get("occupiedMinutes").asDouble());
        assertEquals(1, report.get(0).get("alarms").get("PANIC").asInt());
        String csv = http.get("/api/report.csv").body();
        assertTrue(csv.startsWith("day,booth,sessions,occupied_minutes"), csv);

        // The stored JSON is the payload as it arrived, a field this gateway does not know included.
        String vacated = new String(org.boothwatch.contract.Json.write(org.boothwatch.contract.EventPayload.vacated(
                org.boothwatch.contract.Envelope.of("s5", "b01", "boot1", 100, java.time.Instant.now()), 60)),
                StandardCharsets.UTF_8).replaceFirst("\\{", "{\"x-note\":\"kept\",");
        b.publish(Topics.event("s5", "b01"), vacated.getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(5, TimeUnit.SECONDS).until(() -> g2.storedEvents() == 5);
        try (Connection c = DriverManager.getConnection(g2.config().jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery("SELECT payload FROM events WHERE seq=100")) {
            assertTrue(rs.next());
            assertEquals(vacated, rs.getString(1));
        }
    }

    @Test
    void writeEndpointsNeedTheStaffTokenWhenConfigured() throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withSite("s6").withMqttUri(broker.uri()).withHttpPort(0)
                .withHttpBind("127.0.0.1").withDataDir(data).withStaffToken("sekret");
        Gateway g = Gateway.start(cfg, TimeSource.SYSTEM);
        closeables.add(g::close);
        Http http = new Http(g.httpPort());
        FakeBooth b = booth("s6", "b01", "boot1");
        b.birth();
        AlarmInfo panic = b.panic();
        await().atMost(5, TimeUnit.SECONDS).until(() -> http.get("/api/alarms").json().get("alarms").size() == 1);
        String path = "/api/alarms/" + panic.id() + "/ack";
        assertEquals(401, http.post(path, "{\"by\":\"d\"}").status());
        assertEquals(401, http.post(path, "{\"by\":\"d\"}", "X-Staff-Token", "wrong").status());
        assertEquals(200, http.post(path, "{\"by\":\"d\"}", "Authorization", "Bearer sekret").status());
        assertEquals(200, http.post(path, "{\"by\":\"d\"}", "X-Staff-Token", "sekret").status());
        assertEquals(200, http.get("/api/booths").status());
    }

    @Test
    void unacknowledgedAlarmEscalatesAndIsPostedToTheWebhookWithRetries() throws Exception {
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        BlockingQueue<String> posts = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        hook.createContext("/hook", ex -> {
            posts.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1);
            ex.close();
        });
        hook.start();
        closeables.add(() -> hook.stop(0));
        GatewayConfig cfg = GatewayConfig.defaults().withSite("s7").withMqttUri(broker.uri()).withHttpPort(0)
                .withHttpBind("127.0.0.1").withDataDir(data).withEscalateAfter(Duration.ofSeconds(1))
                .withWebhooks(List.of(java.net.URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")));
        Gateway g = Gateway.start(cfg, TimeSource.SYSTEM);
        closeables.add(g::close);
        Http http = new Http(g.httpPort());
        FakeBooth b = booth("s7", "b01", "boot1");
        b.birth();
        AlarmInfo panic = b.panic();
        String first = posts.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "no webhook call");
        JsonNode body = org.boothwatch.contract.Json.MAPPER.readTree(first);
        assertEquals("ALARM_ESCALATED", body.get("event").asText());
        assertEquals(panic.id(), body.get("alarm").get("id").asText());
        assertEquals("ESCALATED", body.get("alarm").get("state").asText());
        assertNotNull(posts.poll(5, TimeUnit.SECONDS), "no retry after HTTP 500");
        JsonNode a = http.get("/api/alarms?state=active").json().get("alarms").get(0);
        assertEquals("ESCALATED", a.get("state").asText());
        assertTrue(a.get("escalated").asBoolean());
        assertEquals(1L, g.metrics().render().lines().filter(l -> l.equals("boothwatch_escalations_total 1")).count());
    }

    static JsonNode offlineAlarm(Http http, String booth) throws Exception {
        for (JsonNode a : http.get("/api/alarms?state=active").json().get("alarms")) {
            if (a.get("booth").asText().equals(booth) && a.get("type").asText().equals("BOOTH_OFFLINE")) return a;
        }
        return null;
    }

    static Http.Sse next(BlockingQueue<Http.Sse> q, String event, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Http.Sse s = q.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && event.equals(s.event()) && s.data().contains(containing)) return s;
        }
        throw new AssertionError("no SSE '" + event + "' containing '" + containing + "' within 5 s");
    }
}
