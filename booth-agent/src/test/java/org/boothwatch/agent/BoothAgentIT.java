package org.boothwatch.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.Output;
import org.boothwatch.agent.io.Pi4jBoothIo;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a real broker (HiveMQ CE in-process), observed by a plain Paho subscriber. */
class BoothAgentIT {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    AgentConfig config(String booth, String uri) {
        return TestConfigs.config(TestConfigs.properties(booth, uri, dir.resolve("agent-" + booth)));
    }

    static void gateway(Observer o, boolean online) throws Exception {
        o.publish(Topics.gatewayStatus("site1", "gw1"), new GatewayStatusPayload(1, "site1", "gw1", online, Instant.now()), true);
    }

    @Test
    void mockGpioPanicEdgeReachesASubscriberAsAlarmRaisedAndTheLampFollowsTheGateway() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"));
             Observer obs = new Observer(broker.uri(), "observer", false)) {
            gateway(obs, true);
            AgentConfig cfg = config("b01", broker.uri());
            Pi4jBoothIo io = new Pi4jBoothIo(cfg);
            BoothAgent agent = new BoothAgent(cfg, io, PahoTransport.forAgent(cfg), TimeSource.SYSTEM, scheduler);
            try {
                agent.start();
                await().atMost(WAIT).until(() -> agent.isWatched());
                await().atMost(WAIT).until(() -> obs.count(Topics.heartbeat("site1", "b01")) > 0);
                StatusPayload birth = obs.statuses("b01").get(obs.statuses("b01").size() - 1);
                assertTrue(birth.online());
                assertEquals(agent.bootId(), birth.bootId());

                ((MockDigitalInput) io.digitalInput(Input.PANIC)).mockState(DigitalState.LOW); // pressed (active low)

                await().atMost(WAIT).until(() -> !obs.events("b01", EventKind.ALARM_RAISED).isEmpty());
                EventPayload raised = obs.events("b01", EventKind.ALARM_RAISED).get(0);
                assertEquals(AlarmType.PANIC, raised.alarm().type());
                assertEquals(agent.bootId(), raised.bootId());
                assertTrue(raised.seq() > birth.seq());
                await().atMost(WAIT).until(() -> obs.lastState("b01") != null && obs.lastState("b01").phase() == Phase.ALARM);
                assertEquals(Lamp.FLASH, obs.lastState("b01").outputs().lamp());
                assertEquals(DigitalState.LOW, io.digitalOutput(Output.BUZZER).state(), "watched: no local buzzer");

                // Staff acknowledge at the display: "help is coming", lamp steady.
                obs.publish(Topics.cmd("site1", "b01"), new CommandPayload(1, CommandType.ACKNOWLEDGE,
                        raised.alarm().id(), "display-1", null, Instant.now()), false);
                await().atMost(WAIT).until(() -> !obs.events("b01", EventKind.ALARM_ACKNOWLEDGED).isEmpty());
                await().atMost(WAIT).until(() -> obs.lastState("b01").outputs().lamp() == Lamp.ON);
                assertEquals(DigitalState.HIGH, io.digitalOutput(Output.LAMP).state());

                // The gateway goes offline: the booth sounds its own buzzer and flashes within 10 s.
                gateway(obs, false);
                await().atMost(Duration.ofSeconds(10)).until(() -> io.digitalOutput(Output.BUZZER).state() == DigitalState.HIGH);
                assertEquals(Buzzer.ON, agent.snapshot().outputs().buzzer());
                assertEquals(Lamp.FLASH, agent.snapshot().outputs().lamp());
                assertFalse(agent.snapshot().gatewayOnline());

                // A malformed command is counted and ignored, never fatal.
                obs.publish(Topics.cmd("site1", "b01"), "not a command", false);
                await().atMost(WAIT).until(() -> agent.malformedMessages() == 1);
                assertEquals(Phase.ALARM, agent.snapshot().phase());
            } finally {
                agent.stop();
                io.close();
            }
            await().atMost(WAIT).until(() -> !obs.statuses("b01").get(obs.statuses("b01").size() - 1).online());
        }
    }

    @Test
    void aKilledAgentConnectionLeavesStatusRetainedOffline() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"))) {
            AgentConfig cfg = config("b02", broker.uri());
            BoothAgent agent = new BoothAgent(cfg, new SimulatedBoothIo(), PahoTransport.forAgent(cfg), TimeSource.SYSTEM, scheduler);
            agent.start();
            try (Observer obs = new Observer(broker.uri(), "observer-1", false)) {
                await().atMost(WAIT).until(() -> obs.statuses("b02").stream().anyMatch(StatusPayload::online));
            }
            agent.crash();
            // A subscriber arriving afterwards finds the retained Last Will: offline, of this boot.
            try (Observer late = new Observer(broker.uri(), "observer-2", false)) {
                await().atMost(WAIT).until(() -> late.statuses("b02").stream().anyMatch(s -> !s.online()));
                StatusPayload s = late.statuses("b02").get(late.statuses("b02").size() - 1);
                assertFalse(s.online());
                assertEquals(agent.bootId(), s.bootId());
                assertTrue(late.got.stream().filter(m -> m.topic().equals(Topics.status("site1", "b02"))).allMatch(Observer.Msg::retained));
            }
        }
    }

    @Test
    void alarmRaisedWhileTheBrokerIsDownSurvivesAnAgentRestartAndIsDeliveredExactlyOnce() throws Exception {
        int port = EmbeddedBroker.freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"), true);
             Observer obs = new Observer(broker.uri(), "observer-persistent", true)) {
            gateway(obs, true);
            AgentConfig cfg = config("b03", broker.uri());
            SimulatedBoothIo io1 = new SimulatedBoothIo();
            BoothAgent first = new BoothAgent(cfg, io1, PahoTransport.forAgent(cfg), TimeSource.SYSTEM, scheduler);
            first.start();
            await().atMost(WAIT).until(first::isWatched);

            broker.close();
            io1.setPanic(true);
            await().atMost(WAIT).until(() -> first.queuedEvents() == 1);
            // Nobody can see it: the booth announces it itself within 10 s.
            await().atMost(Duration.ofSeconds(10)).until(() -> io1.getBuzzer() == Buzzer.ON && io1.getLamp() == Lamp.FLASH);
            first.crash();

            SimulatedBoothIo io2 = new SimulatedBoothIo();
            BoothAgent second = new BoothAgent(cfg, io2, PahoTransport.forAgent(cfg), TimeSource.SYSTEM, scheduler);
            second.start();
            try {
                assertEquals(1, second.queuedEvents(), "the queue survived the restart");
                assertEquals(List.of(AlarmType.PANIC), second.snapshot().alarms().stream().map(a -> a.type()).toList(),
                        "the latched alarm survived the restart");
                await().atMost(Duration.ofSeconds(10)).until(() -> io2.getBuzzer() == Buzzer.ON);

                broker.restart("127.0.0.1");

                await().atMost(WAIT).until(() -> !obs.events("b03", EventKind.ALARM_RAISED).isEmpty());
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> obs.events("b03", EventKind.ALARM_RAISED).size() == 1);
                EventPayload e = obs.events("b03", EventKind.ALARM_RAISED).get(0);
                assertEquals(AlarmType.PANIC, e.alarm().type());
                assertEquals(first.bootId(), e.bootId(), "delivered as raised, by the first boot");
                assertEquals(0, second.queuedEvents());
                await().atMost(WAIT).until(second::isWatched);
                await().atMost(WAIT).until(() -> io2.getBuzzer() == Buzzer.OFF && io2.getLamp() == Lamp.FLASH);

                // Reset at the booth ends it, under the new boot.
                io2.setReset(true);
                await().atMost(WAIT).until(() -> !obs.events("b03", EventKind.ALARM_RESOLVED).isEmpty());
                assertEquals(e.alarm().id(), obs.events("b03", EventKind.ALARM_RESOLVED).get(0).alarm().id());
                assertEquals(second.bootId(), obs.events("b03", EventKind.ALARM_RESOLVED).get(0).bootId());
            } finally {
                second.stop();
            }
        }
    }

    static String json(Object o) {
        return Json.writeString(o);
    }
}
