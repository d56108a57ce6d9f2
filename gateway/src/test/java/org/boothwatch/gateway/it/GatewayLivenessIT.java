package org.boothwatch.gateway.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway proves it is alive by refreshing its retained online status every second (agents treat four
 * missed refreshes as "nobody watching"), and never refreshes after its clean offline status.
 */
class GatewayLivenessIT {
    @TempDir
    Path dir;

    record Got(long atNanos, GatewayStatusPayload status) {}

    @Test
    void onlineStatusIsRefreshedEverySecondAndEndsOffline() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"))) {
            List<Got> got = new CopyOnWriteArrayList<>();
            MqttClient watcher = new MqttClient(broker.uri(), "watcher", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            watcher.connect(o);
            watcher.subscribe(Topics.gatewayStatus("live", "gw1"), 1,
                    (t, m) -> got.add(new Got(System.nanoTime(), Payloads.gatewayStatus(m.getPayload()))));
            Gateway g = Gateway.start(GatewayConfig.defaults().withSite("live").withMqttUri(broker.uri()).withHttpPort(0)
                    .withHttpBind("127.0.0.1").withDataDir(dir.resolve("gw")), TimeSource.SYSTEM);
            try {
                await("birth and three refreshes").atMost(Duration.ofSeconds(10)).until(() -> got.size() >= 5);
                for (Got x : got) {
                    assertTrue(x.status().online());
                    assertEquals(1, x.status().refreshS(), "every online status promises a 1 s refresh");
                }
                for (int i = 2; i < got.size(); i++) {
                    long gapMs = (got.get(i).atNanos() - got.get(i - 1).atNanos()) / 1_000_000;
                    assertTrue(gapMs < 2500, "refresh gap " + gapMs + " ms (promised 1 s, agents give up after 4 s)");
                }
            } finally {
                g.close();
            }
            await("the offline status").atMost(Duration.ofSeconds(5)).until(() -> !got.get(got.size() - 1).status().online());
            int n = got.size();
            await("no refresh after the offline status").during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                    .until(() -> got.size() == n);
            assertFalse(got.get(got.size() - 1).status().online());
            watcher.disconnect();
            watcher.close();
        }
    }
}
