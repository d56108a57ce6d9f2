package org.boothwatch.gateway.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.Envelope;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.Inputs;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.ResolvedBy;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway with {@code store.jdbcUrl=jdbc:postgresql://…} against a real throwaway PostgreSQL server: an alarm
 * lifecycle and occupancy sessions are stored, survive a gateway crash, are de-duplicated on redelivery, and
 * {@code /api/alarms?from=&to=} and {@code /api/report} read them back from PostgreSQL.
 */
class PostgresStoreIT {
    static final String SITE = "pg1";
    static final String BOOTH = "b01";
    static final String BOOT = "boot1";

    PostgresServer pg;
    EmbeddedBroker broker;
    Path brokerDir;
    Path data;
    MqttClient booth;
    long seq;
    Gateway gateway;
    final BlockingQueue<CommandPayload> commands = new LinkedBlockingQueue<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        pg = PostgresServer.start();
        brokerDir = Files.createTempDirectory("bw-pgit-broker");
        data = Files.createTempDirectory("bw-pgit-data");
        broker = EmbeddedBroker.startOnFreePort(brokerDir);
        booth = new MqttClient(broker.uri(), "booth-" + SITE + "-" + BOOTH, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        booth.connect(o);
        booth.subscribe(Topics.cmd(SITE, BOOTH), 1, (t, m) -> commands.add(Payloads.command(m.getPayload())));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (gateway != null) gateway.close();
            if (booth.isConnected()) booth.disconnect();
            booth.close();
            broker.close();
        } finally {
            pg.close();
            PostgresServer.deleteTree(brokerDir);
            PostgresServer.deleteTree(data);
        }
    }

    Gateway startGateway() {
        GatewayConfig cfg = GatewayConfig.defaults().withSite(SITE).withMqttUri(broker.uri()).withHttpPort(0)
                .withHttpBind("127.0.0.1").withDataDir(data).withStore(pg.url(), "postgres", "")
                // No heartbeats here: keep BOOTH_OFFLINE out of the alarm history.
                .withHeartbeatInterval(Duration.ofMinutes(5));
        gateway = Gateway.start(cfg, TimeSource.SYSTEM);
        await().atMost(10, TimeUnit.SECONDS).until(gateway::mqttConnected);
        return gateway;
    }

    @Test
    void alarmLifecycleAndSessionsAreStoredInPostgresSurviveACrashAndAreReadBack() throws Exception {
        Gateway g1 = startGateway();
        publish(Topics.status(SITE, BOOTH), Json.write(new StatusPayload(1, SITE, BOOTH, BOOT, ++seq, Instant.now(), true,
                "test-1", Map.of())), true);
        state(Phase.OCCUPIED, List.of());
        event(EventPayload.occupied(env()));
        AlarmInfo panic = AlarmInfo.raised(BOOT + "-panic", AlarmType.PANIC, Instant.now());
        event(EventPayload.alarm(env(), EventKind.ALARM_RAISED, panic));
        state(Phase.ALARM, List.of(panic));
        await().atMost(5, TimeUnit.SECONDS).until(() -> pgCount("events") == 2);
        await().atMost(5, TimeUnit.SECONDS).until(() -> get("/api/alarms?state=active").get("alarms").size() == 1);

        HttpResponse<String> ack = post("/api/alarms/" + panic.id() + "/ack", "{\"by\":\"display-1\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        CommandPayload cmd = commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(cmd, "the booth received no cmd");
        assertEquals(CommandType.ACKNOWLEDGE, cmd.cmd());
        assertEquals(1, pgCount("commands"));
        assertEquals("display-1", pgString("SELECT acknowledged_by FROM alarms WHERE id='" + panic.id() + "'"));

        g1.kill();
        // While the gateway is down the booth resolves the alarm locally and the session ends (600 s).
        AlarmInfo resolved = panic.acknowledge(Instant.now(), "display-1").resolve(Instant.now(), ResolvedBy.BOOTH_RESET, null, null);
        event(EventPayload.alarm(env(), EventKind.ALARM_RESOLVED, resolved));
        state(Phase.OCCUPIED, List.of());
        EventPayload vacated = EventPayload.vacated(env(), 600);
        event(vacated);
        state(Phase.VACANT, List.of());

        Gateway g2 = startGateway();
        await().atMost(10, TimeUnit.SECONDS).until(() -> g2.storedEvents() == 4);
        assertEquals(4, pgCount("events"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> get("/api/alarms?state=active").get("alarms").isEmpty());

        // A redelivered event (same bootId and seq) is stored once.
        event(vacated);
        await().atMost(5, TimeUnit.SECONDS).until(() -> g2.metrics().duplicates() == 1);
        assertEquals(4, pgCount("events"));

        Instant t0 = panic.raisedAt();
        JsonNode hist = get("/api/alarms?from=" + t0.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60)).get("alarms");
        assertEquals(1, hist.size(), hist.toString());
        JsonNode a = hist.get(0);
        assertEquals(panic.id(), a.get("id").asText());
        assertEquals("RESOLVED", a.get("state").asText());
        assertEquals("display-1", a.get("acknowledgedBy").asText());
        assertEquals("BOOTH_RESET", a.get("resolvedBy").asText());
        assertEquals(0, get("/api/alarms?from=" + t0.plusSeconds(1) + "&to=" + Instant.now().plusSeconds(60)).get("alarms").size());

        // Whole UTC days; a run across midnight may split into two rows, so sum them.
        LocalDate from = LocalDate.ofInstant(t0, ZoneOffset.UTC);
        LocalDate to = LocalDate.ofInstant(vacated.at(), ZoneOffset.UTC);
        JsonNode rows = get("/api/report?from=" + from + "&to=" + to).get("rows");
        int sessions = 0;
        double minutes = 0;
        int panics = 0;
        for (JsonNode r : rows) {
            assertEquals(BOOTH, r.get("booth").asText(), rows.toString());
            sessions += r.get("sessions").asInt();
            minutes += r.get("occupiedMinutes").asDouble();
            panics += r.get("alarms").path("PANIC").asInt();
        }
        assertEquals(1, sessions, rows.toString());
        assertEquals(10.0, minutes, rows.toString());
        assertEquals(1, panics, rows.toString());

        assertEquals(Schema.VERSION, Integer.parseInt(pgString("SELECT MAX(version) FROM schema_version")));
        assertEquals(200, http.send(request("/healthz").build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(g2.problems().isEmpty(), g2.problems().toString());
        assertFalse(Files.exists(data.resolve("events.db")), "the gateway wrote SQLite despite store.jdbcUrl");
    }

    Envelope env() {
        return Envelope.of(SITE, BOOTH, BOOT, ++seq, Instant.now());
    }

    void event(EventPayload p) throws Exception {
        booth.publish(Topics.event(SITE, BOOTH), Json.write(p), 1, false);
    }

    void state(Phase phase, List<AlarmInfo> alarms) throws Exception {
        Envelope e = env();
        boolean occupied = phase != Phase.VACANT;
        publish(Topics.state(SITE, BOOTH), Json.write(new StatePayload(1, SITE, BOOTH, BOOT, e.seq(), e.at(), occupied,
                occupied ? e.at() : null, e.at(), phase, alarms, new Inputs(occupied, false, false, false),
                new Outputs(alarms.isEmpty() ? Lamp.OFF : Lamp.FLASH, alarms.isEmpty() ? Buzzer.OFF : Buzzer.ON), List.of(), true)),
                true);
    }

    void publish(String topic, byte[] payload, boolean retained) throws Exception {
        booth.publish(topic, payload, 1, retained);
    }

    long pgCount(String table) throws SQLException {
        return Long.parseLong(pgString("SELECT COUNT(*) FROM " + table + " WHERE site='" + SITE + "'"));
    }

    /** Reads PostgreSQL directly, not through the gateway. */
    String pgString(String sql) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.httpPort() + path)).timeout(Duration.ofSeconds(10));
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
