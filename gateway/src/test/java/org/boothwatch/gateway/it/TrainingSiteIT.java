package org.boothwatch.gateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A training site's gateway marks every alarm, booth, SSE event, webhook body and report row with
 * {@code "training": true}; a normal site's carry {@code "training": false}. Real broker, real HTTP, a real webhook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingSiteIT {
    EmbeddedBroker broker;
    final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    void startBroker() throws Exception {
        broker = EmbeddedBroker.startOnFreePort(Files.createTempDirectory("training-it-broker"));
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @AfterEach
    void cleanup() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        closeables.clear();
    }

    @Test
    void aTrainingSiteMarksEverythingTraining() throws Exception {
        alarmLifecycleMarkedAs("training-ward", true);
    }

    @Test
    void aNormalSiteMarksNothingTraining() throws Exception {
        alarmLifecycleMarkedAs("skyen", false);
    }

    private void alarmLifecycleMarkedAs(String site, boolean training) throws Exception {
        BlockingQueue<String> posts = new LinkedBlockingQueue<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            posts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        closeables.add(() -> hook.stop(0));
        Path data = Files.createTempDirectory("training-it-data");
        GatewayConfig cfg = GatewayConfig.defaults().withSite(site).withMqttUri(broker.uri()).withHttpPort(0)
                .withHttpBind("127.0.0.1").withDataDir(data).withEscalateAfter(Duration.ofSeconds(1))
                .withHeartbeatInterval(Duration.ofMinutes(1))
                .withWebhooks(List.of(URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook")));
        Gateway g = Gateway.start(cfg, TimeSource.SYSTEM);
        closeables.add(g::close);
        Http http = new Http(g.httpPort());
        BlockingQueue<Http.Sse> sse = http.stream();
        Http.Sse snapshot = sse.poll(5, TimeUnit.SECONDS);
        assertNotNull(snapshot, "no SSE snapshot");
        assertEquals("snapshot", snapshot.event());
        assertTraining(training, snapshot.json(), "SSE snapshot");

        FakeBooth b = new FakeBooth(broker.uri(), site, "b01", "boot1");
        closeables.add(0, b);
        b.birth();
        b.occupied();
        b.vacated(90);
        AlarmInfo panic = b.panic();

        assertTraining(training, GatewayIT.next(sse, "alarm", panic.id()).json(), "SSE alarm event");
        assertTraining(training, GatewayIT.next(sse, "booth", "b01").json(), "SSE booth event");
        // API reads come from a snapshot that trails the display stream by up to ~50 ms.
        JsonNode booths = await().atMost(2, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> http.get("/api/booths").json(), j -> j.get("booths").get(0).get("alarms").size() > 0);
        assertTraining(training, booths, "/api/booths");
        JsonNode b01 = booths.get("booths").get(0);
        assertTraining(training, b01, "/api/booths booth");
        assertTraining(training, b01.get("alarms").get(0), "/api/booths booth alarm");

        String posted = posts.poll(10, TimeUnit.SECONDS);
        assertNotNull(posted, "no escalation webhook call");
        JsonNode body = Json.MAPPER.readTree(posted);
        assertEquals(panic.id(), body.get("alarm").get("id").asText());
        assertTraining(training, body, "webhook body");
        assertTraining(training, body.get("alarm"), "webhook body alarm");
        assertEquals(training, body.get("summary").asText().startsWith("TRAINING"), body.get("summary").asText());
        assertTraining(training, GatewayIT.next(sse, "alarm", "ESCALATED").json(), "SSE escalated alarm event");

        JsonNode active = await().atMost(2, TimeUnit.SECONDS).ignoreExceptions()
                .until(() -> http.get("/api/alarms?state=active").json().get("alarms").get(0),
                        a -> "ESCALATED".equals(a.get("state").asText()));
        assertTraining(training, active, "/api/alarms?state=active");
        Http.Response ack = http.post("/api/alarms/" + panic.id() + "/ack", "{\"by\":\"trainer\"}");
        assertEquals(200, ack.status(), ack.body());
        assertTraining(training, ack.json(), "ack answer");
        assertTraining(training, http.get("/api/alarms?from=2000-01-01&to=2999-01-01").json().get("alarms").get(0),
                "/api/alarms?from=&to=");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String range = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        org.awaitility.Awaitility.await("report row").atMost(5, TimeUnit.SECONDS)
                .until(() -> http.get("/api/report" + range).json().get("rows").size() == 1);
        JsonNode report = http.get("/api/report" + range).json();
        assertTraining(training, report, "/api/report");
        JsonNode row = report.get("rows").get(0);
        assertEquals(1, row.get("sessions").asInt());
        assertTraining(training, row, "/api/report row");
        String[] csv = http.get("/api/report.csv" + range).body().split("\n");
        assertTrue(csv[0].endsWith(",training"), csv[0]);
        assertTrue(csv[1].endsWith("," + training), csv[1]);
    }

    /** The field is always there, a boolean, and says exactly whether the site is a training site. */
    private static void assertTraining(boolean expected, JsonNode n, String where) {
        JsonNode t = n.get("training");
        assertTrue(t != null && t.isBoolean(), where + " has no boolean 'training': " + n);
        assertEquals(expected, t.asBoolean(), where + ": " + n);
    }
}
