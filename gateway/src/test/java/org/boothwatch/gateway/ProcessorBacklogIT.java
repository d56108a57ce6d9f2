package org.boothwatch.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor that falls far behind holds back the thread handing it messages (Paho's, which then stops reading,
 * so the broker keeps the rest) instead of queueing without bound until the heap is gone; nothing handed over is
 * lost, every message is acknowledged once it has been handled, and the pause shows in /metrics.
 */
class ProcessorBacklogIT {
    @TempDir
    Path dir;

    @Test
    void aFarBehindProcessorHoldsBackItsFeederAndLosesNothing() throws Exception {
        GatewayConfig cfg = GatewayConfig.defaults().withSite("busy").withHttpBind("127.0.0.1").withHttpPort(0)
                .withBroker("127.0.0.1", EmbeddedBroker.freePort(), false).withDataDir(dir);
        AtomicInteger acked = new AtomicInteger();
        try (Gateway gw = Gateway.start(cfg, TimeSource.SYSTEM)) {
            Processor p = gw.processor();
            HeldProcessor held = new HeldProcessor(p);
            String topic = "boothwatch/v1/busy/booth/b01/heartbeat";
            int n = Inbox.HIGH;
            for (int i = 0; i < n; i++) p.submit(topic, message("not json " + i), acked::incrementAndGet);
            assertEquals(n, p.backlog());
            assertEquals(0, acked.get(), "nothing is acknowledged before it is handled");

            long t0 = System.nanoTime();
            p.submit(topic, message("one more"), acked::incrementAndGet);
            long heldMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(heldMs >= Inbox.WAIT_MS - 50, "the feeder was held back, " + heldMs + " ms");
            String metrics = gw.metrics().render();
            assertTrue(metrics.contains("boothwatch_processor_backlog " + (n + 1)), metrics);
            assertTrue(metrics.contains("boothwatch_processor_backlog_pauses_total 1"), metrics);

            held.close();
            p.submit(topic, message("after"), acked::incrementAndGet);
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.get() == n + 2);
            assertEquals(0, p.backlog());
            assertEquals(n + 2, gw.metrics().rejectedTotal(), "every message was handled (and these were all rejected)");
        }
    }

    private static MqttMessage message(String text) {
        MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(0);
        return m;
    }
}
