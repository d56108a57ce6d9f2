package org.boothwatch.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.boothwatch.reliability.support.Mosquitto;
import org.boothwatch.reliability.support.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture itself, and the broker setting the fault suite relies on: with persistence saved every second,
 * QoS 1 messages queued for an offline persistent session survive kill -9 of the broker once saved.
 */
class MosquittoPersistenceIT {
    @TempDir Path tmp;

    @Test
    void queuedQos1MessagesAndRetainedSurviveKill9() throws Exception {
        try (Mosquitto broker = Mosquitto.plain(tmp.resolve("mq"))) {
            TestClient sub = TestClient.connect(broker.uri(), "gateway-t-gw1", null, null, null, false).subscribe("t/#", 1);
            sub.close();
            try (TestClient pub = TestClient.anonymous(broker.uri(), "pub")) {
                pub.publish("t/state", "retained".getBytes(StandardCharsets.UTF_8), 1, true);
                for (int i = 0; i < 200; i++) pub.publish("t/e", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            // Mosquitto acknowledges a QoS 1 PUBLISH before it saves it (docs/reliability.md): kill only once saved.
            broker.awaitSavedSinceLast("Received PUBLISH from pub");
            broker.kill9();
            broker.restart();
            try (TestClient back = TestClient.connect(broker.uri(), "gateway-t-gw1", null, null, null, false)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> back.on("t/e").size() >= 200);
                List<String> got = back.on("t/e").stream().map(TestClient.Received::text).toList();
                assertEquals(IntStream.range(0, 200).mapToObj(i -> "m" + i).toList(), got);
            }
            try (TestClient fresh = TestClient.anonymous(broker.uri(), "fresh").subscribe("t/state", 1)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> fresh.on("t/state").size() == 1);
            }
        }
    }

    @Test
    void frozenBrokerStopsAnsweringAndThawsWithSessionIntact() throws Exception {
        try (Mosquitto broker = Mosquitto.plain(tmp.resolve("mq2"));
             TestClient sub = TestClient.connect(broker.uri(), "s", null, null, null, false).subscribe("t/#", 1);
             TestClient pub = TestClient.anonymous(broker.uri(), "p")) {
            broker.freeze();
            pub.publish("t/x", "during".getBytes(StandardCharsets.UTF_8), 0, false);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> sub.received.isEmpty());
            broker.thaw();
            await().atMost(Duration.ofSeconds(5)).until(() -> sub.on("t/x").size() == 1);
        }
    }
}
