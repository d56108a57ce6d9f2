package org.boothwatch.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.boothwatch.agent.SelftestCommand;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command as a technician runs it, on the configured (mock) GPIO and a real broker, with answers piped in:
 * the inputs cannot move on the mock provider, so the technician skips them (also "leave": a booth that
 * never read occupied has not shown that leaving is seen), and the run must not pass.
 */
class SelftestCommandIT {
    @TempDir
    Path dir;

    @Test
    void pipedAnswersSkipTheInputsConfirmTheOutputsAndTheRunStillExits1() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.startOnFreePort(dir.resolve("broker"))) {
            MqttClient gw = new MqttClient(broker.uri(), "test-gateway", new MemoryPersistence());
            gw.connect();
            gw.publish(Topics.gatewayStatus("site1", "gw1"),
                    Json.write(new GatewayStatusPayload(1, "site1", "gw1", true, Instant.now())), 1, true);
            gw.disconnect();
            gw.close();
            Path f = dir.resolve("booth.properties");
            Files.writeString(f, "site=site1\nbooth=b07\nmqtt.uri=" + broker.uri() + "\ngpio.provider=mock\n"
                    + "queue.dir=" + dir.resolve("q") + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            StringReader typed = new StringReader("s\ns\ns\ns\ns\ny\ny\ny\n");

            int code = new CommandLine(new SelftestCommand(typed, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .execute("--config", f.toString(), "--step-timeout", "10s", "--gateway-wait", "1s");

            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text + err);
            for (String step : new String[] {"panic button", "staff reset button", "walk in", "wave", "leave"}) {
                assertTrue(text.contains("  SKIP  " + step), step + "\n" + text);
            }
            assertTrue(text.contains("The booth reads vacant: WALK IN first"), "a vacant booth is not a pass for leave\n" + text);
            assertTrue(text.contains("  PASS  buzzer"), text);
            assertTrue(text.contains("  PASS  broker connection: connected to " + broker.uri() + " as client booth-site1-b07-selftest"), text);
            assertTrue(text.contains("  PASS  gateway watching: gateway gw1 online"), text);
            assertTrue(text.contains("RESULT: FAIL - 0 failed, 5 skipped"), text);
        }
    }
}
