package org.boothwatch.gateway.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.boothwatch.contract.testing.FaultProxy;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway link against a real broker behind a proxy that stalls: Paho 1.2.5 then waits for a CONNACK
 * forever; the watchdog replaces the client (after 8 s) and the persistent session brings what was missed.
 */
class MqttLinkWatchdogIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLinkStuckWaitingForAConnackIsReplacedAndGetsWhatWasPublishedMeanwhile() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        List<Boolean> connects = new CopyOnWriteArrayList<>();
        Properties p = new Properties();
        p.setProperty("mqtt.keepAlive", "1s");
        GatewayConfig cfg = GatewayConfig.fromProperties(p);
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
             FaultProxy proxy = new FaultProxy(broker.port())) {
            MqttClient booth = new MqttClient(broker.uri(), "booth", new MemoryPersistence());
            booth.connect();
            MqttLink link = new MqttLink(cfg, proxy.uri(), "gateway-test", "t/gw", bytes("online"), bytes("offline"),
                    List.of(new MqttLink.Subscription("t/evt", 1)), new MqttLink.Listener() {
                        @Override
                        public void message(String topic, MqttMessage msg, Runnable ack) {
                            got.add(new String(msg.getPayload(), StandardCharsets.UTF_8));
                            ack.run();
                        }

                        @Override
                        public void connected(boolean reconnect) {
                            connects.add(reconnect);
                        }

                        @Override
                        public void lost(Throwable cause) {
                            // seen in the assertions through connected()
                        }
                    });
            try {
                assertTrue(link.startAndWait(10));
                await().atMost(WAIT).until(() -> connects.size() == 1); // subscribed
                booth.publish("t/evt", bytes("one"), 1, false);
                await().atMost(WAIT).until(() -> got.contains("one"));

                proxy.stall();
                await().atMost(WAIT).until(() -> !link.connected());
                await().atMost(WAIT).until(() -> proxy.held() >= 1); // Paho's reconnect waits for a CONNACK now
                booth.publish("t/evt", bytes("while stuck"), 1, false); // kept in the link's persistent session
                proxy.relay();

                await().atMost(WAIT).until(link::connected);
                await().atMost(WAIT).until(() -> got.contains("while stuck"));
                assertEquals(1, got.stream().filter("while stuck"::equals).count());
                assertEquals(2, connects.size());
                assertFalse(connects.get(0));
                booth.publish("t/evt", bytes("after"), 1, false);
                await().atMost(WAIT).until(() -> got.contains("after"));
            } finally {
                link.close(bytes("offline"));
                booth.disconnect();
                booth.close();
            }
        }
    }
}
