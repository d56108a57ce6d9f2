package org.boothwatch.gateway.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Display streams that cannot keep up are closed (they reconnect from a snapshot) instead of filling the heap. */
class SseHubTest {
    @Test
    void streamsFarBehindAreClosedAndANewStreamStillGetsEveryEvent() throws Exception {
        try (SseHub hub = new SseHub(() -> "{}")) {
            CountDownLatch stuck = new CountDownLatch(1);
            SseClient slow = mock(SseClient.class);
            doAnswer(inv -> {
                if (!"snapshot".equals(inv.getArgument(0))) stuck.await(30, TimeUnit.SECONDS); // a display that stopped reading
                return null;
            }).when(slow).sendEvent(anyString(), anyString());
            hub.add(slow, () -> new SseHub.Versioned(0, "{}"));
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.size() == 1);
            int n = SseHub.MAX_WAITING + 10;
            for (int i = 1; i <= n; i++) hub.broadcast("booth", "{\"n\":" + i + "}", i);
            verify(slow, timeout(5000)).close();
            assertEquals(1, hub.streamsDropped());
            assertEquals(0, hub.size());
            stuck.countDown();

            // A display reconnecting now, from a snapshot of version 7, gets every event after it, none lost.
            SseClient fresh = mock(SseClient.class);
            hub.add(fresh, () -> new SseHub.Versioned(7, "{\"snapshot\":7}"));
            hub.broadcast("alarm", "{\"after\":true}", n + 1);
            verify(fresh, timeout(10_000)).sendEvent("snapshot", "{\"snapshot\":7}");
            verify(fresh, timeout(10_000)).sendEvent("booth", "{\"n\":8}");
            verify(fresh, timeout(10_000)).sendEvent("booth", "{\"n\":" + n + "}");
            verify(fresh, timeout(10_000)).sendEvent("alarm", "{\"after\":true}");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.waiting() == 0);
        }
    }
}
