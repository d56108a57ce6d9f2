package org.boothwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The gateway's HTTP API, as a client sees it (loopback only, every request with a timeout). */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String get(String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) throw new IOException("GET " + path + ": HTTP " + resp.statusCode());
        return resp.body();
    }

    JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    /** Booths the gateway shows online. */
    int boothsOnline() {
        try {
            int n = 0;
            for (JsonNode b : json("/api/booths").path("booths")) if (b.path("online").asBoolean(false)) n++;
            return n;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    /** Polls until {@code n} booths are online, at most {@code seconds}. */
    boolean awaitOnline(int n, long seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (boothsOnline() >= n) return true;
            Thread.sleep(250);
        }
        return false;
    }

    /** Every sample of /metrics (name with labels -> value). */
    Map<String, Double> metrics() throws IOException, InterruptedException {
        Map<String, Double> m = new HashMap<>();
        for (String line : get("/metrics").split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            int sp = line.lastIndexOf(' ');
            try {
                m.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            } catch (NumberFormatException ignored) {
                // not a number sample
            }
        }
        return m;
    }

    static double received(Map<String, Double> m, String topic) {
        return m.getOrDefault("boothwatch_events_received_total{topic=\"" + topic + "\"}", 0.0);
    }

    static double sumPrefix(Map<String, Double> m, String prefix) {
        return m.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }
}
