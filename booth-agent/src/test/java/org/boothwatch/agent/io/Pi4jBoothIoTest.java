package org.boothwatch.agent.io;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.boothwatch.agent.TestConfigs;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pi4jBoothIoTest {
    @TempDir
    Path dir;

    @Test
    void mapsActiveLevelsAndReportsEdgesFromTheMockProvider() {
        Properties p = TestConfigs.properties("b01", "tcp://127.0.0.1:1", dir);
        p.setProperty("input.occupancy.activeLevel", "low");
        try (Pi4jBoothIo io = new Pi4jBoothIo(TestConfigs.config(p))) {
            List<String> heard = new CopyOnWriteArrayList<>();
            io.setListener((in, active) -> heard.add(in.key() + "=" + active));
            MockDigitalInput panic = (MockDigitalInput) io.digitalInput(Input.PANIC);
            MockDigitalInput occupancy = (MockDigitalInput) io.digitalInput(Input.OCCUPANCY);

            panic.mockState(DigitalState.HIGH); // panic is active-low by default: released
            assertFalse(io.read(Input.PANIC));
            panic.mockState(DigitalState.LOW);
            assertTrue(io.read(Input.PANIC));
            assertFalse(io.read(Input.OCCUPANCY), "mock inputs start at rest");
            occupancy.mockState(DigitalState.LOW);
            assertTrue(io.read(Input.OCCUPANCY));
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("panic=true") && heard.contains("occupancy=true"));
        }
    }

    @Test
    void drivesOutputsWithTheirActiveLevelAndFlashesTheLamp() {
        Properties p = TestConfigs.properties("b01", "tcp://127.0.0.1:1", dir);
        p.setProperty("output.buzzer.activeLevel", "low");
        p.setProperty("output.lamp.flashPeriod", "400ms");
        try (Pi4jBoothIo io = new Pi4jBoothIo(TestConfigs.config(p))) {
            io.setBuzzer(Buzzer.ON);
            assertEquals(DigitalState.LOW, io.digitalOutput(Output.BUZZER).state());
            io.setBuzzer(Buzzer.OFF);
            assertEquals(DigitalState.HIGH, io.digitalOutput(Output.BUZZER).state());
            io.setLamp(Lamp.ON);
            assertEquals(DigitalState.HIGH, io.digitalOutput(Output.LAMP).state());
            io.setLamp(Lamp.FLASH);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> io.digitalOutput(Output.LAMP).state() == DigitalState.LOW);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> io.digitalOutput(Output.LAMP).state() == DigitalState.HIGH);
            io.setLamp(Lamp.OFF);
            assertEquals(DigitalState.LOW, io.digitalOutput(Output.LAMP).state());
        }
    }
}
