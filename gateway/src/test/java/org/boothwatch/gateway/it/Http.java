package org.boothwatch.gateway.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.boothwatch.contract.Json;

/** Small HTTP helper for the ITs (java.net.http). */
final class Http {
    record Response(int status, String body) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(body);
        }
    }

    /** One SSE event: name and data. */
    record Sse(String event, String data) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(data);
        }
    }

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Response get(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    Response post(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** Opens /api/stream; events arrive in the returned queue. */
    BlockingQueue<Sse> stream() {
        BlockingQueue<Sse> q = new LinkedBlockingQueue<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/stream")).header("Accept", "text/event-stream").build();
        client.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
            String[] event = {null};
            try (Stream<String> lines = r.body()) {
                lines.forEach(line -> {
                    if (line.startsWith("event:")) event[0] = line.substring(6).trim();
                    else if (line.startsWith("data:")) q.add(new Sse(event[0], line.substring(5).trim()));
                });
            } catch (RuntimeException ignored) {
                // stream closed
            }
        });
        return q;
    }
}
