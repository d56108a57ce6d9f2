package org.boothwatch.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.boothwatch.agent.TestConfigs;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.config.PinConfigs.InputPin;
import org.boothwatch.agent.io.BoothIo;
import org.boothwatch.agent.io.Output;
import org.boothwatch.agent.io.Pi4jBoothIo;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selftest on Pi4J-mock and simulated GPIO against a real broker (HiveMQ CE in-process). */
class SelftestIT {
    @TempDir
    static Path brokerHome;
    static EmbeddedBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.startOnFreePort(brokerHome);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A gateway's retained status, published by a plain Paho client as a gateway would. */
    static void gatewayStatus(String site, String gatewayId, boolean online) throws MqttException {
        MqttClient c = new MqttClient(broker.uri(), "test-gateway-" + gatewayId, new MemoryPersistence());
        c.connect();
        c.publish(Topics.gatewayStatus(site, gatewayId),
                Json.write(new GatewayStatusPayload(1, site, gatewayId, online, Instant.now())), 1, true);
        c.disconnect();
        c.close();
    }

    Properties props(String site, String uri) {
        Properties p = TestConfigs.properties("b01", uri, dir);
        p.setProperty("site", site);
        return p;
    }

    static CompletableFuture<SelftestReport> start(Technician tech, AgentConfig cfg, BoothIo io) {
        Selftest.Settings s = Selftest.Settings.defaults().withStepTimeout(Duration.ofSeconds(20))
                .withGatewayWait(Duration.ofMillis(700));
        return tech.start(new Selftest(cfg, io, new PahoBrokerCheck(cfg, Duration.ofSeconds(5)), TimeSource.SYSTEM,
                tech.keyboard, tech.screen.out, s));
    }

    static StepResult step(SelftestReport r, String name) {
        return r.results().stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }

    /** Runs every booth step on simulated IO, done right, and returns the report. */
    SelftestReport runOnSimulatedIo(AgentConfig cfg) throws Exception {
        SimulatedBoothIo io = new SimulatedBoothIo();
        Technician tech = new Technician(io::setInput);
        CompletableFuture<SelftestReport> run = start(tech, cfg, io);
        tech.doAllInputs();
        tech.confirmAllOutputs();
        return Technician.finish(run);
    }

    @Test
    void pi4jMockGpioAndAnOnlineGatewayPassEveryCheckWithExit0() throws Exception {
        gatewayStatus("site-a", "gw1", false);
        gatewayStatus("site-a", "gw2", true);
        Properties p = props("site-a", broker.uri());
        p.setProperty("input.occupancy.activeLevel", "low");
        AgentConfig cfg = TestConfigs.config(p);
        try (Pi4jBoothIo io = new Pi4jBoothIo(cfg)) {
            Technician tech = new Technician((in, active) -> {
                InputPin pin = cfg.inputs().get(in);
                ((MockDigitalInput) io.digitalInput(in)).mockState(active == pin.activeHigh() ? DigitalState.HIGH : DigitalState.LOW);
            });
            CompletableFuture<SelftestReport> run = start(tech, cfg, io);
            tech.doAllInputs();
            tech.screen.awaitText(Technician.LAMP_Q);
            assertEquals(DigitalState.HIGH, io.digitalOutput(Output.LAMP).state(), "the lamp pin is driven while asking");
            tech.keyboard.type("y");
            tech.answer(Technician.FLASH_Q, "y");
            tech.screen.awaitText(Technician.BUZZER_Q);
            assertEquals(DigitalState.HIGH, io.digitalOutput(Output.BUZZER).state());
            tech.keyboard.type("y");
            SelftestReport r = Technician.finish(run);

            assertTrue(r.passed(), tech.screen.text());
            assertEquals(0, r.exitCode());
            assertEquals(DigitalState.LOW, io.digitalOutput(Output.LAMP).state());
            assertEquals(DigitalState.LOW, io.digitalOutput(Output.BUZZER).state());
            assertTrue(step(r, "walk in").detail().contains("occupied on GPIO 17 (level low)"), step(r, "walk in").detail());
            assertTrue(step(r, "broker connection").detail().contains("as client booth-site-a-b01-selftest"));
            String gw = step(r, "gateway watching").detail();
            assertTrue(gw.contains("gateway gw2 online") && gw.contains("gateway gw1 offline"), gw);
        }
    }

    @Test
    void everyGatewayOfflineFailsTheGatewayCheck() throws Exception {
        gatewayStatus("site-b", "gw1", false);
        SelftestReport r = runOnSimulatedIo(TestConfigs.config(props("site-b", broker.uri())));

        assertEquals(1, r.exitCode());
        assertEquals(Verdict.PASS, step(r, "broker connection").verdict());
        assertEquals(Verdict.FAIL, step(r, "gateway watching").verdict());
        assertTrue(step(r, "gateway watching").detail().startsWith("gateway gw1 offline (since "), step(r, "gateway watching").detail());
        assertEquals(1, r.count(Verdict.FAIL));
    }

    @Test
    void onlyTheConfiguredGatewayCountsAndNoStatusAtAllFails() throws Exception {
        gatewayStatus("site-c", "gw2", true);
        Properties p = props("site-c", broker.uri());
        p.setProperty("gateway.id", "gw1");
        SelftestReport r = runOnSimulatedIo(TestConfigs.config(p));

        assertEquals(1, r.exitCode());
        StepResult gw = step(r, "gateway watching");
        assertEquals(Verdict.FAIL, gw.verdict());
        assertTrue(gw.detail().contains("no gateway status on boothwatch/v1/site-c/gateway/gw1/status: gateway gw1 has never been online"),
                gw.detail());
    }

    @Test
    void anUnreachableBrokerFailsBothNetworkChecks() throws Exception {
        String uri = "tcp://127.0.0.1:" + EmbeddedBroker.freePort();
        SelftestReport r = runOnSimulatedIo(TestConfigs.config(props("site-d", uri)));

        assertEquals(1, r.exitCode());
        assertEquals(Verdict.FAIL, step(r, "broker connection").verdict());
        assertTrue(step(r, "broker connection").detail().contains("connection refused at " + uri),
                step(r, "broker connection").detail());
        assertEquals("not checked: no broker connection", step(r, "gateway watching").detail());
        assertEquals(Verdict.FAIL, step(r, "gateway watching").verdict());
        assertEquals(2, r.count(Verdict.FAIL));
    }
}
