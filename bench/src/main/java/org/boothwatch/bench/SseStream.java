package org.boothwatch.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A display-like client of the gateway's {@code /api/stream}: a java.net.http streaming read on its own
 * thread. Each event is handed over with the System.nanoTime() at which its data line was read.
 */
final class SseStream implements AutoCloseable {
    @FunctionalInterface
    interface Listener {
        void event(String name, String data, long receivedNanos);
    }

    private final Thread reader;
    private final CountDownLatch snapshot = new CountDownLatch(1);
    private volatile InputStream body;
    private volatile boolean closed;

    SseStream(int httpPort, Listener listener) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/stream"))
                .header("Accept", "text/event-stream").GET().build();
        reader = new Thread(() -> read(client, req, listener), "bench-sse");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the first (snapshot) event. */
    boolean awaitSnapshot(long seconds) throws InterruptedException {
        return snapshot.await(seconds, TimeUnit.SECONDS);
    }

    private void read(HttpClient client, HttpRequest req, Listener listener) {
        try {
            HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            body = r.body();
            BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String event = "message";
            StringBuilder data = new StringBuilder();
            long at = 0;
            String line;
            while (!closed && (line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        listener.event(event, data.toString(), at);
                        if (event.equals("snapshot")) snapshot.countDown();
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() == 0) at = System.nanoTime();
                    else data.append('\n');
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (Exception e) {
            if (!closed) System.err.println("bench: SSE stream ended: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            InputStream b = body;
            if (b != null) b.close();
        } catch (Exception ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
