package org.boothwatch.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad options are refused before anything starts: exit 2, naming the option, the value and what is allowed. */
class MainTest {

    private static SimulatorOptions validate(String... args) {
        SimulatorCommand c = new SimulatorCommand();
        new CommandLine(c).parseArgs(args);
        return c.validate();
    }

    private static String refused(String... args) {
        return assertThrows(UsageException.class, () -> validate(args)).getMessage();
    }

    @Test
    void badValuesNameOptionValueAndWhatIsAllowed() {
        assertEquals("option --speed='0' is not allowed: a number > 0 and <= 1000, e.g. 1, 2.5 or 100", refused("--speed", "0"));
        assertTrue(refused("--speed", "fast").startsWith("option --speed='fast' is not allowed"));
        assertEquals("option --booths='0' is not allowed: a whole number from 1 to 2000", refused("--booths", "0"));
        assertTrue(refused("--broker", "http://x:1", "--gateway-url", "http://x/").startsWith("option --broker='http://x:1'"));
        assertTrue(refused("--broker", "tcp://x:1").contains("needs --gateway-url"));
        assertTrue(refused("--gateway-url", "http://x/").contains("needs --broker"));
        assertTrue(refused("--site", "Main Site").startsWith("option --site='Main Site' is not allowed: 1-32 characters"));
        assertTrue(refused("--control-port", "70000").startsWith("option --control-port='70000'"));
        assertTrue(refused("--scenario", "/no/such/file").startsWith("option --scenario='/no/such/file'"));
        assertTrue(refused("--duration", "5m").contains("applies to --load only"));
        assertTrue(refused("--load", "--duration", "soon").startsWith("option --duration='soon'"));
        assertTrue(refused("--password", "x").contains("needs --username"));
    }

    @Test
    void defaultsAndTraining() {
        SimulatorOptions o = validate();
        assertTrue(o.selfContained());
        assertEquals(8081, o.controlPort());
        assertEquals(8080, o.gatewayPort());
        assertEquals(1.0, o.speed());
        assertEquals("demo", o.site());
        assertEquals(false, o.training());
        SimulatorOptions t = validate("--training");
        assertEquals("training", t.site());
        assertTrue(t.training());
        assertTrue(validate("--site", "training-east").training());
        assertEquals(false, validate("--site", "trainingx").training(), "the contract's rule: training or training-…");
        assertEquals("training", validate("--training", "--site", "trainingx").site(), "--training always gives a training site");
        assertEquals("training-east", validate("--training", "--site", "training-east").site());
        SimulatorOptions ext = validate("--broker", "tcp://mq:1883", "--gateway-url", "http://gw:8080");
        assertEquals("http://gw:8080/", ext.gatewayUrl().toString());
        assertNull(validate("--load").duration());
        assertEquals(-1, validate("--load").controlPort());
    }

    @Test
    void exitCodeTwoAndOneLineOnBadOptionsAndBadScenarioFiles(@TempDir Path dir) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            assertEquals(2, Main.run("--speed", "-3"));
            assertEquals(2, Main.run("--no-such-option"));
            assertEquals(2, Main.run("--booths", "many"));
            Path bad = Files.writeString(dir.resolve("bad.txt"), "booths b01\n0s b01 dance\n");
            assertEquals(2, Main.run("--scenario", bad.toString()));
        } finally {
            System.setErr(err);
        }
        String out = buf.toString();
        assertTrue(out.contains("simulator: option --speed='-3' is not allowed"), out);
        assertTrue(out.contains("Unknown option: '--no-such-option'"), out);
        assertTrue(out.contains("line 2: unknown booth action 'dance'"), out);
        assertTrue(!out.contains("\tat org."), "no stack traces: " + out);
    }
}
