package org.boothwatch.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hung gateway (connected, then silent: no DISCONNECT, no FIN) with the gateway's default 3 s keepalive: the broker publishes
 * its Last Will after 1.5 x 3 s, and the agent, at its default tickInterval, must sound locally within
 * 10 s of the hang, and within one tick of the Will arriving.
 */
class GatewayWillIT {
    private static final int GATEWAY_KEEPALIVE_S = 3; // the gateway's default mqtt.keepAlive

    @TempDir
    Path dir;

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    @Test
    void hungGatewaysLastWillStartsLocalAnnunciationOnTheNextTick() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
             Observer obs = new Observer(broker.uri(), "observer", false)) {
            Properties p = TestConfigs.properties("b01", broker.uri(), dir.resolve("agent"));
            p.remove("tickInterval"); // the defaults, as deployed: a 1 s test keepalive can drop the agent's own
            p.remove("mqtt.keepAlive"); // connection on a loaded machine, and then it sounds for "broker unreachable"
            AgentConfig cfg = TestConfigs.config(p);
            assertEquals(Duration.ofMillis(250), cfg.tickInterval());
            String statusTopic = Topics.gatewayStatus("site1", "gw1");
            byte[] will = Json.write(new GatewayStatusPayload(1, "site1", "gw1", false, Instant.now()));
            SimulatedBoothIo io = new SimulatedBoothIo();
            PahoTransport transport = PahoTransport.forAgent(cfg);
            BoothAgent agent = new BoothAgent(cfg, io, transport, TimeSource.SYSTEM, scheduler);
            try (Socket hungGateway = connectWithWill(broker.uri(), "gateway-site1-gw1", statusTopic, will)) {
                long hangNanos = System.nanoTime(); // nothing is sent on this socket from now on
                obs.publish(statusTopic, new GatewayStatusPayload(1, "site1", "gw1", true, Instant.now()), true);
                agent.start();
                await().atMost(Duration.ofSeconds(5)).until(agent::isWatched);
                io.setOccupied(true);
                io.setPanic(true);
                await().atMost(Duration.ofSeconds(3)).until(() -> io.getLamp() == Lamp.FLASH);
                assertEquals(Buzzer.OFF, io.getBuzzer(), "watched: no local buzzer yet");

                await("the broker publishes the hung gateway's Last Will").atMost(Duration.ofSeconds(10))
                        .until(() -> gatewayOffline(obs, statusTopic));
                long willSeenNanos = System.nanoTime();
                await("buzzer within one tick of the Will").atMost(cfg.tickInterval().plusMillis(750))
                        .until(() -> io.getBuzzer() == Buzzer.ON);
                long reactedMs = Duration.ofNanos(System.nanoTime() - willSeenNanos).toMillis();
                long totalMs = Duration.ofNanos(System.nanoTime() - hangNanos).toMillis();
                System.out.println("hung gateway: Will seen, buzzer on " + reactedMs + " ms later, " + totalMs + " ms after the hang");
                assertEquals(Lamp.FLASH, io.getLamp());
                assertTrue(totalMs < 10_000, "local annunciation " + totalMs + " ms after the hang, must be < 10 s");
                assertTrue(!agent.snapshot().gatewayOnline(), "the buzzer must come from the Will, not from the agent's own"
                        + " connection dropping (connected: " + transport.isConnected() + ")");
            } finally {
                agent.stop();
            }
        }
    }

    /**
     * A gateway that promised to refresh its status every second and went silent (hung, its connection not yet
     * timed out by the broker, so no Will): the agent sounds locally after 4 missed refreshes, long before a
     * broker that checks keepalives only every few seconds would publish the Will.
     */
    @Test
    void gatewayThatStopsRefreshingStartsLocalAnnunciationWithinFiveSeconds() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
             Observer obs = new Observer(broker.uri(), "observer", false)) {
            Properties p = TestConfigs.properties("b01", broker.uri(), dir.resolve("agent"));
            p.remove("tickInterval");
            p.remove("mqtt.keepAlive");
            AgentConfig cfg = TestConfigs.config(p);
            String statusTopic = Topics.gatewayStatus("site1", "gw1");
            SimulatedBoothIo io = new SimulatedBoothIo();
            BoothAgent agent = new BoothAgent(cfg, io, PahoTransport.forAgent(cfg), TimeSource.SYSTEM, scheduler);
            ScheduledExecutorService gateway = Executors.newSingleThreadScheduledExecutor();
            try {
                java.util.concurrent.atomic.AtomicLong lastRefresh = new java.util.concurrent.atomic.AtomicLong();
                java.util.concurrent.ScheduledFuture<?> refreshing = gateway.scheduleAtFixedRate(() -> {
                    try {
                        obs.publish(statusTopic, new GatewayStatusPayload(1, "site1", "gw1", true, Instant.now(), 1), true);
                        lastRefresh.set(System.nanoTime());
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        throw new IllegalStateException(e);
                    }
                }, 0, 1, java.util.concurrent.TimeUnit.SECONDS);
                agent.start();
                await().atMost(Duration.ofSeconds(5)).until(agent::isWatched);
                io.setOccupied(true);
                io.setPanic(true);
                await().atMost(Duration.ofSeconds(3)).until(() -> io.getLamp() == Lamp.FLASH);
                await("still watched while the gateway refreshes").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                        .until(() -> io.getBuzzer() == Buzzer.OFF && agent.isWatched());
                refreshing.cancel(false);
                await().atMost(Duration.ofSeconds(2)).until(refreshing::isDone);
                long hangNanos = lastRefresh.get();
                await("local annunciation after 4 missed refreshes").atMost(Duration.ofSeconds(8))
                        .until(() -> io.getBuzzer() == Buzzer.ON);
                long totalMs = Duration.ofNanos(System.nanoTime() - hangNanos).toMillis();
                System.out.println("silent gateway: buzzer on " + totalMs + " ms after its last refresh");
                assertTrue(totalMs >= 4000, "not before 4 missed refreshes: " + totalMs + " ms");
                assertTrue(totalMs < 6500, "within 4 refreshes, a tick and delivery: " + totalMs + " ms");
                assertTrue(!agent.isWatched());
                obs.publish(statusTopic, new GatewayStatusPayload(1, "site1", "gw1", true, Instant.now(), 1), true);
                await("watched again when the gateway refreshes").atMost(Duration.ofSeconds(3)).until(agent::isWatched);
            } finally {
                gateway.shutdownNow();
                agent.stop();
            }
        }
    }

    private static boolean gatewayOffline(Observer obs, String topic) {
        for (Observer.Msg m : obs.got) {
            if (!m.topic().equals(topic)) continue;
            try {
                if (!Payloads.gatewayStatus(m.payload()).online()) return true;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return false;
    }

    /** A raw MQTT 3.1.1 CONNECT with a retained QoS 1 Will; after the CONNACK the socket stays open and silent. */
    private static Socket connectWithWill(String uri, String clientId, String willTopic, byte[] willPayload) throws Exception {
        URI u = URI.create(uri);
        Socket s = new Socket(u.getHost(), u.getPort());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT".getBytes(StandardCharsets.UTF_8));
        body.write(4); // protocol level 3.1.1
        body.write(0x02 | 0x04 | 0x08 | 0x20); // clean session, will, will QoS 1, will retain
        body.write(0);
        body.write(GATEWAY_KEEPALIVE_S);
        writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
        writeString(body, willTopic.getBytes(StandardCharsets.UTF_8));
        writeString(body, willPayload);
        OutputStream out = s.getOutputStream();
        out.write(0x10);
        int len = body.size();
        do {
            int b = len % 128;
            len /= 128;
            out.write(len > 0 ? b | 0x80 : b);
        } while (len > 0);
        body.writeTo(out);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        s.setSoTimeout(5000);
        byte[] connack = new byte[4];
        in.readFully(connack);
        assertEquals(0x20, connack[0] & 0xff, "CONNACK");
        assertEquals(0, connack[3], "connection accepted");
        return s;
    }

    private static void writeString(ByteArrayOutputStream out, byte[] b) {
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.write(b, 0, b.length);
    }
}
