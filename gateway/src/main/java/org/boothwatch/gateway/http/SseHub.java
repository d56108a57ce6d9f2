package org.boothwatch.gateway.http;

import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The display streams. Sends happen on the hub's own thread, in the order they were queued, so a slow
 * display never holds up the gateway's processor; a {@code tick} goes out every second.
 */
public final class SseHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SseHub.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-sender");
        t.setDaemon(true);
        return t;
    });

    public SseHub(Supplier<String> tick) {
        sender.scheduleAtFixedRate(() -> send("tick", tick.get()), 1000, 1000, TimeUnit.MILLISECONDS);
    }

    /** Queues the snapshot for a new client, then adds it: nothing broadcast later is missed. */
    public void add(SseClient client, String snapshotJson) {
        sender.execute(() -> {
            try {
                client.sendEvent("snapshot", snapshotJson);
                clients.add(client);
                log.info("display connected ({} streams)", clients.size());
            } catch (RuntimeException e) {
                log.info("display stream failed at once: {}", e.toString());
            }
        });
        client.onClose(() -> {
            clients.remove(client);
            log.info("display disconnected ({} streams)", clients.size());
        });
    }

    public void broadcast(String event, String json) {
        if (!sender.isShutdown()) sender.execute(() -> send(event, json));
    }

    public int size() {
        return clients.size();
    }

    private void send(String event, String json) {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                } else {
                    c.sendEvent(event, json);
                }
            } catch (RuntimeException e) {
                clients.remove(c);
                log.info("dropped a display stream: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        // Streams end when the HTTP server stops; closing them here races Jetty recycling the requests.
        sender.shutdownNow();
        clients.clear();
    }
}
