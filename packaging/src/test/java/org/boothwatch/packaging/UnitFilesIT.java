package org.boothwatch.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The systemd units: parsed by systemd-analyze where it exists, and their keys checked everywhere. */
class UnitFilesIT {

    private static final String JAVA = "/usr/bin/java";

    static List<PackageSpec> packages() {
        return PackageSpec.both();
    }

    private static UnitFile unit(PackageSpec spec) throws IOException {
        return UnitFile.parse(Files.readString(spec.unitSource()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void restartsAlwaysAndNeverGivesUp(PackageSpec spec) throws IOException {
        UnitFile u = unit(spec);
        assertAll(
                () -> assertEquals("always", u.get("Service", "Restart")),
                () -> assertTrue(Integer.parseInt(u.get("Service", "RestartSec")) > 0, "RestartSec"),
                () -> assertEquals("0", u.get("Unit", "StartLimitIntervalSec"), "no start limit"),
                () -> assertEquals("multi-user.target", u.get("Install", "WantedBy")),
                () -> assertTrue(u.get("Unit", "After").contains("network-online.target")),
                () -> assertEquals("simple", u.get("Service", "Type")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void runsThePackagedJarWithItsConfigAsItsOwnUser(PackageSpec spec) throws IOException {
        UnitFile u = unit(spec);
        String exec = u.get("Service", "ExecStart");
        assertAll(
                () -> assertEquals(JAVA + " $JAVA_OPTS -jar " + spec.jar() + " --config " + spec.config(), exec),
                () -> assertEquals(spec.user(), u.get("Service", "User")),
                () -> assertEquals(spec.user(), u.get("Service", "Group")),
                () -> assertEquals(spec.dataDir(), u.get("Service", "StateDirectory")),
                () -> assertEquals("/var/lib/" + spec.dataDir(), u.get("Service", "WorkingDirectory")),
                () -> assertEquals("143", u.get("Service", "SuccessExitStatus"), "SIGTERM is a clean stop"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void hasTheMemoryFlags(PackageSpec spec) throws IOException {
        String env = unit(spec).get("Service", "Environment");
        assertTrue(env.startsWith("\"JAVA_OPTS=") && env.endsWith("\""), env);
        List<String> opts = List.of(env.substring("\"JAVA_OPTS=".length(), env.length() - 1).split(" "));
        assertTrue(opts.contains(spec.heap()), opts.toString());
        assertTrue(opts.contains("-XX:+UseSerialGC"), opts.toString());
        assertTrue(opts.contains("-XX:+ExitOnOutOfMemoryError"), opts.toString());
        if (spec == PackageSpec.AGENT) {
            assertTrue(opts.containsAll(List.of("-XX:TieredStopAtLevel=1", "-Xss256k")), opts.toString());
            // a small initial heap keeps the agent's RSS under 64 MB (docs/benchmarks.md)
            assertTrue(opts.contains("-Xms8m"), opts.toString());
        }
    }

    @Test
    void agentMayUseTheGpioChipsAndNothingElseOfDev() throws IOException {
        UnitFile u = unit(PackageSpec.AGENT);
        assertAll(
                () -> assertEquals("gpio", u.get("Service", "SupplementaryGroups")),
                () -> assertEquals("closed", u.get("Service", "DevicePolicy")),
                () -> assertEquals(List.of("char-gpiochip rw"), u.all("Service", "DeviceAllow")),
                // PrivateDevices would hide /dev/gpiochip*.
                () -> assertNotEquals("yes", u.get("Service", "PrivateDevices")),
                // MemoryDenyWriteExecute breaks the JVM's JIT.
                () -> assertNotEquals("yes", u.get("Service", "MemoryDenyWriteExecute")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void isHardened(PackageSpec spec) throws IOException {
        UnitFile u = unit(spec);
        for (String key : List.of("NoNewPrivileges", "ProtectHome", "PrivateTmp", "ProtectKernelTunables",
                "ProtectKernelModules", "ProtectControlGroups", "RestrictSUIDSGID")) {
            assertEquals("yes", u.get("Service", key), key);
        }
        assertEquals("strict", u.get("Service", "ProtectSystem"));
        assertEquals("", u.get("Service", "CapabilityBoundingSet"), "no capabilities");
        assertNotEquals("yes", u.get("Service", "MemoryDenyWriteExecute"), "breaks the JIT");
    }

    /**
     * systemd's own parser. verify exits 0 on unknown keys and bad values ("..., ignoring"), so any
     * line it prints about this unit fails the test. It also checks that ExecStart's binary exists:
     * where /usr/bin/java is missing (a JDK outside the Debian packages), the copy verified runs the
     * JVM of this test instead; that changes the binary path only, nothing that systemd parses.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void systemdAnalyzeVerifyAcceptsTheUnit(PackageSpec spec, @TempDir Path dir) throws IOException {
        assumeTrue(Processes.onPath("systemd-analyze"), "systemd-analyze is not installed; the key tests still ran");
        String text = Files.readString(spec.unitSource());
        if (!Files.isExecutable(Path.of(JAVA))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            System.out.println("systemd-analyze verify: " + JAVA + " missing, verifying with ExecStart=" + java);
            text = text.replace("ExecStart=" + JAVA + " ", "ExecStart=" + java + " ");
        }
        Path copy = dir.resolve(spec.unitName());
        Files.writeString(copy, text);
        Processes.Result r = Processes.run(List.of("systemd-analyze", "verify", copy.toString()),
                java.util.Map.of("SYSTEMD_LOG_COLOR", "0", "SYSTEMD_PAGER", ""));
        List<String> aboutUnit = r.output().lines()
                .filter(l -> l.contains(spec.unitName()) || l.contains(copy.toString())).toList();
        assertAll(
                () -> assertEquals(0, r.exitCode(), r.output()),
                () -> assertEquals(List.of(), aboutUnit, "systemd-analyze complained:\n" + r.output()));
    }

    /** The check above must be able to fail: a broken copy of the unit is rejected. */
    @Test
    void systemdAnalyzeVerifyRejectsABrokenUnit(@TempDir Path dir) throws IOException {
        assumeTrue(Processes.onPath("systemd-analyze"), "systemd-analyze is not installed");
        String text = Files.readString(PackageSpec.AGENT.unitSource()).replace("Restart=always", "Restart=alwayz");
        Path copy = dir.resolve("booth-agent.service");
        Files.writeString(copy, text);
        Processes.Result r = Processes.run(List.of("systemd-analyze", "verify", copy.toString()));
        assertTrue(r.output().contains("booth-agent.service") && r.output().contains("alwayz"), r.output());
    }
}
