package org.boothwatch.gateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Display streams that cannot keep up are closed (they reconnect from a snapshot) instead of filling the heap. */
class SseHubTest {
    /** A display stream whose response body is kept; {@code stuck} (when set) blocks every write after the first. */
    static final class Stream {
        final SseClient client = mock(SseClient.class);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        volatile IOException failWith;

        Stream(CountDownLatch stuck) throws IOException {
            Context ctx = mock(Context.class);
            HttpServletResponse res = mock(HttpServletResponse.class);
            when(client.ctx()).thenReturn(ctx);
            when(ctx.res()).thenReturn(res);
            when(res.getOutputStream()).thenReturn(new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (failWith != null) throw failWith;
                    if (stuck != null && body.size() > 0) {
                        try {
                            stuck.await(30, TimeUnit.SECONDS); // a display that stopped reading
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    synchronized (body) {
                        body.write(b, off, len);
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener l) { }
            });
        }

        String text() {
            synchronized (body) {
                return body.toString(StandardCharsets.UTF_8);
            }
        }

        boolean has(String event, String json) {
            return text().contains("event: " + event + "\ndata: " + json + "\n\n");
        }
    }

    @Test
    void streamsFarBehindAreClosedAndANewStreamStillGetsEveryEvent() throws Exception {
        try (SseHub hub = new SseHub(() -> "{}")) {
            CountDownLatch stuck = new CountDownLatch(1);
            Stream slow = new Stream(stuck);
            hub.add(slow.client, () -> new SseHub.Versioned(0, "{}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.size() == 1);
            int n = SseHub.MAX_WAITING + 10;
            for (int i = 1; i <= n; i++) hub.broadcast("booth", "{\"n\":" + i + "}", i);
            verify(slow.client, timeout(5000)).close();
            assertEquals(1, hub.streamsDropped());
            assertEquals(0, hub.size());
            stuck.countDown();

            // A display reconnecting now, from a snapshot of version 7, gets every event after it, none lost.
            Stream fresh = new Stream(null);
            hub.add(fresh.client, () -> new SseHub.Versioned(7, "{\"snapshot\":7}"));
            hub.broadcast("alarm", "{\"after\":true}", n + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> fresh.has("alarm", "{\"after\":true}"));
            String text = fresh.text();
            assertTrue(text.startsWith("event: snapshot\ndata: {\"snapshot\":7}\n\n"), text.substring(0, 80));
            assertTrue(fresh.has("booth", "{\"n\":8}"));
            assertTrue(fresh.has("booth", "{\"n\":" + n + "}"));
            assertTrue(!fresh.has("booth", "{\"n\":7}"), "events up to the snapshot's version are not replayed");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.waiting() == 0);
        }
    }

    @Test
    void aFailedWriteClosesTheStreamAndMultiLineDataGoesThroughJavalin() throws Exception {
        try (SseHub hub = new SseHub(() -> "{}")) {
            Stream s = new Stream(null);
            hub.add(s.client, () -> new SseHub.Versioned(0, "{}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> s.has("snapshot", "{}"));
            hub.broadcast("note", "line one\nline two", 1);
            verify(s.client, timeout(5000)).sendEvent("note", "line one\nline two");
            s.failWith = new IOException("broken pipe");
            hub.broadcast("alarm", "{\"a\":1}", 2);
            verify(s.client, timeout(5000)).close();
        }
    }

    /** A view whose getter throws: Jackson cannot write it. */
    public record Broken(String name) {
        public String getBoom() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void viewsAreWrittenOnTheHubsThreadInOrderAndAnUnwritableOneDoesNotStopTheRest() throws Exception {
        try (SseHub hub = new SseHub(() -> "{}")) {
            Stream s = new Stream(null);
            hub.add(s.client, () -> new SseHub.Versioned(0, "{}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.size() == 1);
            hub.broadcastView("alarm", Map.of("id", "a1"), 1);
            hub.broadcast("booth", "{\"raw\":true}", 2);
            hub.broadcastView("booth", new Broken("x"), 3);
            hub.broadcastView("alarm", Map.of("id", "a2"), 4);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.has("alarm", "{\"id\":\"a2\"}"));
            String text = s.text();
            int a1 = text.indexOf("data: {\"id\":\"a1\"}");
            int raw = text.indexOf("data: {\"raw\":true}");
            int a2 = text.indexOf("data: {\"id\":\"a2\"}");
            assertTrue(a1 > 0 && raw > a1 && a2 > raw, text);
            assertTrue(!text.contains("boom") && !text.contains("\"name\":\"x\""), text);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.waiting() == 0);
        }
    }
}
