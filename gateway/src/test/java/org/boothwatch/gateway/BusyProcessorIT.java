package org.boothwatch.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads and the display stream keep answering while the processor is busy (a backlog). */
class BusyProcessorIT {
    @TempDir
    Path dir;

    @Test
    void readsAndDisplayTicksDoNotWaitForABusyProcessor() throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withSite("busy").withHttpBind("127.0.0.1").withHttpPort(0)
                .withBroker("127.0.0.1", EmbeddedBroker.freePort(), false).withDataDir(dir);
        try (Gateway gw = Gateway.start(cfg, TimeSource.SYSTEM); HeldProcessor held = new HeldProcessor(gw.processor())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + gw.httpPort();
            for (String path : List.of("/api/booths", "/api/alarms?state=active", "/metrics", "/healthz")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.statusCode() == 200 || path.equals("/healthz"), path + " -> " + r.statusCode() + " " + r.body());
            }
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/stream")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                        try (Stream<String> lines = r.body()) {
                            lines.filter(l -> l.startsWith("event:")).forEach(l -> events.add(l.substring(6).trim()));
                        } catch (RuntimeException closed) {
                            // stream ended
                        }
                    });
            assertEquals("snapshot", events.poll(3, TimeUnit.SECONDS));
            assertEquals("tick", events.poll(3, TimeUnit.SECONDS));
            assertEquals("tick", events.poll(3, TimeUnit.SECONDS));
        }
    }
}
