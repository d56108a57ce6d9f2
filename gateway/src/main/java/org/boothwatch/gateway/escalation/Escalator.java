package org.boothwatch.gateway.escalation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.Json;
import org.boothwatch.gateway.model.AlarmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POSTs escalated alarms as JSON to each configured webhook, retrying with back-off; every outcome is logged. */
public final class Escalator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Escalator.class);
    static final int ATTEMPTS = 4;

    private final List<URI> hooks;
    private final Runnable onFailure;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "escalation");
        t.setDaemon(true);
        return t;
    });

    public Escalator(List<URI> hooks, Runnable onFailure) {
        this.hooks = hooks;
        this.onFailure = onFailure;
    }

    public void escalate(String site, String gatewayId, AlarmView alarm) {
        if (hooks.isEmpty()) return;
        byte[] body = Json.write(body(site, gatewayId, alarm));
        String what = (alarm.training() ? "TRAINING alarm " : "alarm ") + alarm.id();
        for (URI hook : hooks) send(hook, body, what, 1);
    }

    /**
     * The webhook body. {@code training} (also inside {@code alarm}) and the words in {@code summary} make sure an
     * on-call phone never takes a training site's drill for a real overdose.
     */
    static Map<String, Object> body(String site, String gatewayId, AlarmView alarm) {
        String summary = (alarm.training() ? "TRAINING DRILL, not a real alarm: " : "")
                + alarm.type() + " at booth " + alarm.booth() + " (site " + site + ") not acknowledged";
        return Map.of("event", "ALARM_ESCALATED", "site", site, "gatewayId", gatewayId, "training", alarm.training(),
                "summary", summary, "alarm", alarm);
    }

    private void send(URI hook, byte[] body, String what, int attempt) {
        HttpRequest req = HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            if (err == null && resp.statusCode() / 100 == 2) {
                log.info("escalation of {} delivered to {} (HTTP {}, attempt {})", what, hook, resp.statusCode(), attempt);
                return;
            }
            String why = err != null ? err.toString() : "HTTP " + resp.statusCode();
            if (attempt >= ATTEMPTS) {
                log.error("escalation of {} to {} FAILED after {} attempts: {}", what, hook, attempt, why);
                onFailure.run();
                return;
            }
            long delay = 1000L << (attempt - 1);
            log.warn("escalation of {} to {} failed ({}), retry {} in {} ms", what, hook, why, attempt + 1, delay);
            if (!retries.isShutdown()) retries.schedule(() -> send(hook, body, what, attempt + 1), delay, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
