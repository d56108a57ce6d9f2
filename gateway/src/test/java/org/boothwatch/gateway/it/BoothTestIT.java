package org.boothwatch.gateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.gateway.model.SiteModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Remote TEST through a real broker: {@code POST /api/booths/{booth}/test} sends TEST (QoS 1) to a plain Paho
 * booth; its TEST_RESULT becomes the booth's lastTest (API and SSE); a booth that never answers shows NO_ANSWER
 * after {@link SiteModel#TEST_ANSWER_WITHIN} of (manual) gateway time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoothTestIT {
    EmbeddedBroker broker;
    Gateway gw;
    Http http;
    Path data;
    final ManualTimeSource time = new ManualTimeSource(Instant.parse("2025-06-01T10:00:00Z"));
    FakeBooth answering;
    FakeBooth silent;

    @BeforeAll
    void startBroker() throws Exception {
        broker = EmbeddedBroker.startOnFreePort(Files.createTempDirectory("testit-broker"));
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void start() throws Exception {
        data = Files.createTempDirectory("testit-data");
        // Long heartbeat interval: moving the manual clock must not make the booths offline.
        GatewayConfig cfg = GatewayConfig.defaults().withSite("s1").withMqttUri(broker.uri()).withHttpPort(0)
                .withHttpBind("127.0.0.1").withDataDir(data).withHeartbeatInterval(Duration.ofMinutes(5))
                .withStaffToken("sesame");
        gw = Gateway.start(cfg, time);
        await().atMost(10, TimeUnit.SECONDS).until(gw::mqttConnected);
        http = new Http(gw.httpPort());
        answering = new FakeBooth(broker.uri(), "s1", "b01", "boot1");
        silent = new FakeBooth(broker.uri(), "s1", "b02", "boot2");
        for (FakeBooth b : List.of(answering, silent)) {
            b.birth();
            b.state(Phase.VACANT, false, List.of());
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> online("b01") && online("b02"));
    }

    @AfterEach
    void stop() throws Exception {
        answering.close();
        silent.close();
        gw.close();
    }

    boolean online(String booth) throws Exception {
        JsonNode b = GatewayIT.boothNode(http, booth);
        return b != null && b.get("online").asBoolean();
    }

    JsonNode lastTest(String booth) throws Exception {
        return GatewayIT.boothNode(http, booth).path("lastTest");
    }

    /** The JSON mapper leaves out null fields. */
    static boolean absent(JsonNode n) {
        return n.isMissingNode() || n.isNull();
    }

    Http.Response postTest(String booth, String body) throws Exception {
        return http.post("/api/booths/" + booth + "/test", body, "Authorization", "Bearer sesame");
    }

    @Test
    void answeredTestShowsPassInTheApiAndTheStreamAndIsStored() throws Exception {
        BlockingQueue<Http.Sse> sse = http.stream();
        assertEquals("snapshot", sse.poll(5, TimeUnit.SECONDS).event());
        assertTrue(absent(lastTest("b01")), "no test yet");

        assertEquals(401, http.post("/api/booths/b01/test", "{\"by\":\"anna\"}").status(), "staff token required");
        assertEquals(400, postTest("b01", "{}").status(), "'by' required");
        assertEquals(404, postTest("nope", "{\"by\":\"anna\"}").status());

        Http.Response r = postTest("b01", "{\"by\":\"anna\"}");
        assertEquals(202, r.status(), r.body());
        assertEquals("TESTING", r.json().get("lastTest").get("status").asText());
        assertEquals("anna", r.json().get("lastTest").get("requestedBy").asText());
        assertTrue(absent(r.json().get("lastTest").path("ok")));

        CommandPayload cmd = answering.commands.poll(5, TimeUnit.SECONDS);
        assertNotNull(cmd, "the booth received no TEST");
        assertEquals(CommandType.TEST, cmd.cmd());
        assertEquals("anna", cmd.by());
        assertTrue(GatewayIT.next(sse, "booth", "TESTING").data().contains("\"b01\""));

        answering.publish(Topics.event("s1", "b01"),
                Json.write(EventPayload.testResult(answering.env(), true, "inputs ok; faults: none")), 1, false);
        Http.Sse pushed = GatewayIT.next(sse, "booth", "PASS");
        JsonNode t = pushed.json().get("lastTest");
        assertEquals("b01", pushed.json().get("booth").asText());
        assertTrue(t.get("ok").asBoolean());
        assertEquals("inputs ok; faults: none", t.get("details").asText());
        assertEquals("anna", t.get("requestedBy").asText());
        assertFalse(absent(t.path("resultAt")));
        // The API reads the processor's published snapshot, which may trail the stream by one batch.
        await().atMost(2, TimeUnit.SECONDS).until(() -> "PASS".equals(lastTest("b01").get("status").asText()));

        // Past the answer time nothing changes for an answered test.
        time.advance(SiteModel.TEST_ANSWER_WITHIN.plusSeconds(1));
        answering.heartbeat();
        await().during(600, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> "PASS".equals(lastTest("b01").get("status").asText()));

        try (Connection c = DriverManager.getConnection(gw.config().jdbcUrl());
             ResultSet cmds = c.createStatement().executeQuery(
                     "SELECT by_who, handed_to_broker FROM commands WHERE booth='b01' AND cmd='TEST'");
             ResultSet ev = c.createStatement().executeQuery(
                     "SELECT count(*) FROM events WHERE booth='b01' AND kind='TEST_RESULT'")) {
            assertTrue(cmds.next(), "TEST command recorded");
            assertEquals("anna", cmds.getString(1));
            assertEquals(1, cmds.getInt(2));
            assertTrue(ev.next());
            assertEquals(1, ev.getInt(1), "TEST_RESULT event stored");
        }
    }

    @Test
    void failedAndUnansweredTestsShowFail() throws Exception {
        assertEquals(202, postTest("b01", "{\"by\":\"tech\"}").status());
        assertNotNull(answering.commands.poll(5, TimeUnit.SECONDS));
        answering.publish(Topics.event("s1", "b01"),
                Json.write(EventPayload.testResult(answering.env(), false, "reset: cannot be read")), 1, false);
        await().atMost(5, TimeUnit.SECONDS).until(() -> "FAIL".equals(lastTest("b01").get("status").asText()));
        assertFalse(lastTest("b01").get("ok").asBoolean());
        assertEquals("reset: cannot be read", lastTest("b01").get("details").asText());

        BlockingQueue<Http.Sse> sse = http.stream();
        assertEquals(202, postTest("b02", "{\"by\":\"tech\"}").status());
        assertNotNull(silent.commands.poll(5, TimeUnit.SECONDS), "the silent booth got the TEST");
        time.advance(SiteModel.TEST_ANSWER_WITHIN.minusSeconds(1));
        await().during(600, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS)
                .until(() -> "TESTING".equals(lastTest("b02").get("status").asText()));
        time.advance(Duration.ofSeconds(1));
        JsonNode t = GatewayIT.next(sse, "booth", "NO_ANSWER").json().get("lastTest");
        assertFalse(t.get("ok").asBoolean(), "no answer is a failed test");
        assertTrue(t.get("details").asText().contains("no answer"), t.toString());
        assertTrue(absent(t.path("resultAt")));

        // An offline booth cannot be tested: refused at once, not left to time out.
        silent.crash();
        await().atMost(5, TimeUnit.SECONDS).until(() -> !online("b02"));
        Http.Response r = postTest("b02", "{\"by\":\"tech\"}");
        assertEquals(409, r.status(), r.body());
        assertTrue(r.json().get("error").asText().contains("offline"), r.body());
    }
}
