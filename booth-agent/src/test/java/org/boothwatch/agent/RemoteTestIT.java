package org.boothwatch.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.ManualTimeSource;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote TEST end to end: embedded broker, a real gateway and a real agent on simulated IO. The display's
 * {@code POST /api/booths/{booth}/test} makes the booth's lamp flash and its buzzer beep briefly, and the
 * agent's TEST_RESULT shows as the booth's lastTest in {@code GET /api/booths}. The agent runs on manual
 * time, so the lengths of the flash and the beep are checked exactly.
 */
class RemoteTestIT {
    @TempDir
    Path dir;

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    final HttpClient http = HttpClient.newHttpClient();
    EmbeddedBroker broker;
    Gateway gateway;
    BoothAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.stop();
        scheduler.shutdownNow();
        if (gateway != null) gateway.close();
        if (broker != null) broker.close();
    }

    @Test
    void postTestFlashesTheLampBeepsBrieflyAndTheResultReachesTheApi() throws Exception {
        broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
        gateway = Gateway.start(GatewayConfig.defaults().withSite("site1").withMqttUri(broker.uri())
                .withHttpBind("127.0.0.1").withHttpPort(0).withDataDir(dir.resolve("gateway"))
                // The agent's heartbeats follow its manual clock: only a Last Will may take it offline here.
                .withHeartbeatInterval(Duration.ofMinutes(5)), TimeSource.SYSTEM);
        await().atMost(10, TimeUnit.SECONDS).until(gateway::mqttConnected);

        ManualTimeSource time = new ManualTimeSource(Instant.now());
        AgentConfig cfg = TestConfigs.config(TestConfigs.properties("b07", broker.uri(), dir.resolve("agent")));
        SimulatedBoothIo io = new SimulatedBoothIo();
        agent = new BoothAgent(cfg, io, PahoTransport.forAgent(cfg), time, scheduler);
        agent.start();
        await("booth online at the gateway").atMost(10, TimeUnit.SECONDS).until(() -> {
            JsonNode b = booth("b07");
            return b != null && b.path("online").asBoolean() && b.has("phase");
        });
        assertEquals(Lamp.OFF, io.getLamp());
        assertEquals(Buzzer.OFF, io.getBuzzer());

        HttpResponse<String> r = post("/api/booths/b07/test", "{\"by\":\"technician\"}");
        assertEquals(202, r.statusCode(), r.body());

        await("lamp flashing and buzzer on").atMost(5, TimeUnit.SECONDS)
                .until(() -> io.getLamp() == Lamp.FLASH && io.getBuzzer() == Buzzer.ON);
        await("PASS in /api/booths").atMost(5, TimeUnit.SECONDS)
                .until(() -> "PASS".equals(booth("b07").path("lastTest").path("status").asText()));
        JsonNode t = booth("b07").get("lastTest");
        assertTrue(t.get("ok").asBoolean());
        assertEquals("technician", t.get("requestedBy").asText());
        assertTrue(t.get("details").asText().contains("faults: none"), t.toString());
        assertTrue(t.get("details").asText().contains("buzzer beep 500ms"), t.toString());

        time.advance(Duration.ofMillis(500));
        await("the beep is brief; the lamp still flashes").atMost(3, TimeUnit.SECONDS)
                .until(() -> io.getBuzzer() == Buzzer.OFF && io.getLamp() == Lamp.FLASH);
        time.advance(Duration.ofMillis(2500));
        await("lamp off after the test").atMost(3, TimeUnit.SECONDS).until(() -> io.getLamp() == Lamp.OFF);
        assertEquals(Buzzer.OFF, io.getBuzzer());
    }

    JsonNode booth(String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/booths")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode b : Json.MAPPER.readTree(r.body()).get("booths")) {
            if (b.get("booth").asText().equals(id)) return b;
        }
        return null;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String base() {
        return "http://127.0.0.1:" + gateway.httpPort();
    }
}
