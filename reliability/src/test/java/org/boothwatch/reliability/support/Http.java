package org.boothwatch.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.boothwatch.contract.Json;

/** The gateway's HTTP API as the wall display and an operator see it. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Status code and body; status -1 when the gateway does not answer. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    public Answer get(String path) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    public boolean healthy() {
        return get("/healthz").status() == 200;
    }

    /** Sum of every sample of a Prometheus metric (all label sets). */
    public double metricSum(String name) {
        Answer a = get("/metrics");
        if (a.status() != 200) throw new IllegalStateException("/metrics answered " + a);
        double sum = 0;
        for (String line : a.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Every alarm the store holds (raised since 1970), as returned by {@code /api/alarms?from=&to=}. */
    public List<JsonNode> allAlarms() {
        List<JsonNode> out = new ArrayList<>();
        // The history comes in pages (at most 10,000 alarms each); "next" is the following page.
        for (String url = "/api/alarms?from=1970-01-01&to=2100-01-01&limit=10000"; url != null; ) {
            Answer a = get(url);
            if (a.status() != 200) throw new IllegalStateException("/api/alarms answered " + a);
            JsonNode page = a.json();
            page.path("alarms").forEach(out::add);
            url = page.path("truncated").asBoolean() ? page.path("next").asText() : null;
        }
        return out;
    }

    public List<JsonNode> activeAlarms() {
        Answer a = get("/api/alarms?state=active");
        if (a.status() != 200) throw new IllegalStateException("/api/alarms?state=active answered " + a);
        List<JsonNode> out = new ArrayList<>();
        a.json().path("alarms").forEach(out::add);
        return out;
    }

    public JsonNode booth(String booth) {
        for (JsonNode b : get("/api/booths").json().path("booths")) {
            if (booth.equals(b.path("booth").asText())) return b;
        }
        return null;
    }
}
