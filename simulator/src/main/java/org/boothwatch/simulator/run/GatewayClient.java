package org.boothwatch.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boothwatch.contract.Json;

/** The gateway's HTTP API (CONTRACT §6, shapes in docs/gateway.md), as staff and the display use it. */
public final class GatewayClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private volatile URI base;
    private final String staffToken;

    public GatewayClient(URI base, String staffToken) {
        this.base = base;
        this.staffToken = staffToken;
    }

    public URI base() {
        return base;
    }

    /** After an in-process gateway restarts on a new port. */
    public void rebase(URI base) {
        this.base = base;
    }

    /** {@code /api/booths}: booth id → booth view. */
    public Map<String, JsonNode> booths() throws IOException {
        JsonNode body = get("/api/booths");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode b : body.path("booths")) out.put(b.path("booth").asText(), b);
        return out;
    }

    /** Active alarms merged with those raised since {@code since} (from the store), by id; live view wins. */
    public List<JsonNode> alarmsSince(Instant since) throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        String range = "/api/alarms?from=" + enc(Json.format(since)) + "&to=" + enc(Json.format(Instant.now().plus(Duration.ofDays(3650))));
        // The history comes in pages (at most 10,000 alarms each); "next" is the following page.
        for (String url = range + "&limit=10000"; url != null; ) {
            JsonNode page = get(url);
            for (JsonNode a : page.path("alarms")) byId.put(a.path("id").asText(), a);
            url = page.path("truncated").asBoolean() ? page.path("next").asText() : null;
        }
        for (JsonNode a : get("/api/alarms?state=active").path("alarms")) byId.put(a.path("id").asText(), a);
        return new ArrayList<>(byId.values());
    }

    public List<JsonNode> activeAlarms() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        get("/api/alarms?state=active").path("alarms").forEach(out::add);
        return out;
    }

    /** The active alarm of that type at that booth, if the gateway has one. */
    public Optional<JsonNode> activeAlarm(String booth, String type) throws IOException {
        return activeAlarms().stream()
                .filter(a -> booth.equals(a.path("booth").asText()) && type.equals(a.path("type").asText()))
                .findFirst();
    }

    public JsonNode ack(String alarmId, String by) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("by", by);
        return post("/api/alarms/" + enc(alarmId) + "/ack", body);
    }

    public JsonNode resolve(String alarmId, String by, String reason) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("by", by).put("reason", reason);
        return post("/api/alarms/" + enc(alarmId) + "/resolve", body);
    }

    /** {@code /metrics}, Prometheus text. */
    public String metrics() throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/metrics")).GET();
        try {
            HttpResponse<String> res = http.send(b.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) throw new IOException("GET /metrics answered " + res.statusCode());
            return res.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body))));
    }

    private JsonNode send(HttpRequest.Builder b) throws IOException {
        if (staffToken != null && !staffToken.isEmpty()) b.header("Authorization", "Bearer " + staffToken);
        HttpRequest req = b.timeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (res.statusCode() / 100 != 2) {
            throw new IOException(req.method() + " " + req.uri().getPath() + " answered " + res.statusCode() + ": " + res.body());
        }
        return Json.MAPPER.readTree(res.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
