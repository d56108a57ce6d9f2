package org.boothwatch.agent.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.boothwatch.agent.BoothAgent;
import org.boothwatch.agent.TestConfigs;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.PayloadException;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.contract.testing.FaultProxy;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport's watchdog against a real broker (HiveMQ CE in-process), with short timings. */
class PahoTransportWatchdogIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final PahoTransport.Watchdog FAST =
            new PahoTransport.Watchdog(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(3));

    @TempDir
    Path dir;

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The stuck case itself: a broker that accepts TCP but never answers leaves Paho 1.2.5 waiting for its CONNACK
     * forever (no timeout, reconnect() refused as "connect in progress"), even once the broker is fine again.
     */
    @Test
    void aClientStuckWaitingForAConnackIsReplacedAndWhatItHadInFlightStillArrives() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
             FaultProxy proxy = new FaultProxy(broker.port());
             Recorder rec = new Recorder(broker.uri(), "recorder", "t/#")) {
            PahoTransport t = new PahoTransport(new PahoTransport.Options(proxy.uri(), "agent-stuck", Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(1), dir.resolve("paho"), null), "test", FAST);
            List<String> commands = new CopyOnWriteArrayList<>();
            t.subscribe("t/cmd", 1, (topic, payload) -> commands.add(new String(payload, StandardCharsets.UTF_8)));
            t.connect(new MqttTransport.Will("t/status", bytes("offline"), 1, true));
            try {
                await().atMost(WAIT).until(t::isConnected);
                rec.publish("t/cmd", bytes("one"), false);
                await().atMost(WAIT).until(() -> commands.contains("one"));

                proxy.cut();
                t.publish("t/evt", bytes("in flight"), 1, false); // stored by Paho, swallowed on the way
                await().atMost(WAIT).until(() -> !t.isConnected()); // keepalive: no PINGRESP
                await().atMost(WAIT).until(() -> proxy.held() >= 1); // Paho's reconnect now waits for a CONNACK
                assertEquals(List.of(), rec.texts("t/evt"));

                proxy.relay(); // the broker answers again; only a new connection can tell
                await().atMost(WAIT).until(t::isConnected);
                assertTrue(t.clientReplacements() >= 1, "recovered by replacing the stuck client");
                await().atMost(WAIT).until(() -> rec.texts("t/evt").contains("in flight"));

                // The new client has the subscriptions and the callbacks of the old one.
                rec.publish("t/cmd", bytes("two"), false);
                await().atMost(WAIT).until(() -> commands.contains("two"));
                t.publish("t/evt", bytes("after"), 1, false);
                await().atMost(WAIT).until(() -> rec.texts("t/evt").contains("after"));
                assertEquals(1, rec.texts("t/evt").stream().filter("in flight"::equals).count());
            } finally {
                t.disconnect();
            }
        }
    }

    @Test
    void afterTheBrokerIsStoppedAndRestartedOnItsPortTheAgentComesBackAndDeliversWhatWasRaisedMeanwhile() throws Exception {
        int port = EmbeddedBroker.freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"), true);
             Recorder rec = new Recorder(broker.uri(), "recorder", Topics.root("site1") + "/#")) {
            rec.publish(Topics.gatewayStatus("site1", "gw1"),
                    Json.write(new GatewayStatusPayload(1, "site1", "gw1", true, Instant.now())), true);
            AgentConfig cfg = TestConfigs.config(TestConfigs.properties("b07", broker.uri(), dir.resolve("agent")));
            PahoTransport t = new PahoTransport(new PahoTransport.Options(cfg.mqttUri(), cfg.clientId(), Optional.empty(),
                    Optional.empty(), cfg.mqttKeepAlive(), cfg.queueDir().resolve("paho"), null), "test", FAST);
            SimulatedBoothIo io = new SimulatedBoothIo();
            BoothAgent agent = new BoothAgent(cfg, io, t, TimeSource.SYSTEM, scheduler);
            agent.start();
            try {
                await().atMost(WAIT).until(agent::isWatched);

                broker.close();
                io.setPanic(true);
                await().atMost(WAIT).until(() -> agent.queuedEvents() == 1); // into the disk outbox
                // While the broker is down the watchdog replaces the client too: harmless, nothing is lost.
                await().atMost(WAIT).until(() -> t.clientReplacements() >= 1);
                assertFalse(t.isConnected());

                broker.restart("127.0.0.1");

                await().atMost(WAIT).until(() -> events(rec, EventKind.ALARM_RAISED).size() == 1);
                EventPayload raised = events(rec, EventKind.ALARM_RAISED).get(0);
                assertEquals(AlarmType.PANIC, raised.alarm().type());
                await().atMost(WAIT).until(agent::isWatched);
                assertEquals(0, agent.queuedEvents());

                // Commands reach the agent through the new client: staff acknowledge at the display.
                rec.publish(Topics.cmd("site1", "b07"), Json.write(new CommandPayload(1, CommandType.ACKNOWLEDGE,
                        raised.alarm().id(), "display-1", null, Instant.now())), false);
                await().atMost(WAIT).until(() -> !events(rec, EventKind.ALARM_ACKNOWLEDGED).isEmpty());
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                        .until(() -> events(rec, EventKind.ALARM_RAISED).size() == 1);
            } finally {
                agent.stop();
            }
        }
    }

    static List<EventPayload> events(Recorder rec, EventKind kind) {
        String topic = Topics.event("site1", "b07");
        return rec.got.stream().filter(m -> m.topic().equals(topic)).map(m -> {
            try {
                return Payloads.event(m.payload(), Topics.parseBooth(topic).orElseThrow());
            } catch (PayloadException e) {
                throw new AssertionError(e);
            }
        }).filter(e -> e.kind() == kind).toList();
    }
}
