package org.boothwatch.agent.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.boothwatch.contract.testing.FaultProxy;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-flight window against a real broker: while no acknowledgement comes back, the transport takes
 * {@link PahoTransport#MAX_INFLIGHT} QoS 1 messages and refuses the next (the agent then keeps it in its disk
 * queue); what it took arrives once the network is back.
 */
class PahoTransportInflightIT {
    @TempDir
    Path dir;

    @Test
    void takesAtMostTheWindowWithoutAcknowledgementsAndDeliversAllOfItLater() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
             FaultProxy proxy = new FaultProxy(broker.port());
             Recorder rec = new Recorder(broker.uri(), "recorder", "t/#")) {
            PahoTransport t = new PahoTransport(new PahoTransport.Options(proxy.uri(), "agent-window", Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(4), dir.resolve("paho"), null), "test", PahoTransportWatchdogIT.FAST);
            t.connect(new MqttTransport.Will("t/status", "offline".getBytes(StandardCharsets.UTF_8), 1, true));
            try {
                await().atMost(Duration.ofSeconds(30)).until(t::isConnected);
                proxy.cut(); // nothing passes: no PUBACK comes back (Paho notices only after its keepalive, 4 s)
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < PahoTransport.MAX_INFLIGHT; i++) {
                    String m = "event " + i;
                    t.publish("t/evt", m.getBytes(StandardCharsets.UTF_8), 1, false);
                    sent.add(m);
                }
                assertThrows(TransportException.class,
                        () -> t.publish("t/evt", "one too many".getBytes(StandardCharsets.UTF_8), 1, false));

                proxy.restore();
                await().atMost(Duration.ofSeconds(30)).until(() -> rec.texts("t/evt").size() >= sent.size());
                List<String> got = rec.texts("t/evt");
                assertEquals(sent.size(), got.size(), "each once: " + got); // Paho resends in message-id order, not always ours
                assertEquals(new java.util.TreeSet<>(sent), new java.util.TreeSet<>(got));
            } finally {
                t.disconnect();
            }
        }
    }
}
