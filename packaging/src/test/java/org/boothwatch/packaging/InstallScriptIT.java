package org.boothwatch.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/install*.sh: shellcheck, and the jar install staged into a throwaway root (--root), which
 * runs the same file-placing code as a real install without apt, users or systemctl.
 */
class InstallScriptIT {

    private static final Path DEPLOY = PackageSpec.prop("packaging.deployDir");
    private static final Path INSTALL = DEPLOY.resolve("install.sh");

    @Test
    void scriptsPassShellcheck() throws IOException {
        assumeTrue(Processes.onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--severity=style"));
        try (Stream<Path> files = Files.list(DEPLOY)) {
            files.filter(f -> f.toString().endsWith(".sh")).sorted().forEach(f -> command.add(f.toString()));
        }
        assertTrue(command.size() >= 6, "install.sh and both wrappers: " + command);
        Processes.Result r = Processes.run(command);
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void stagedInstallPlacesJarUnitAndConfigAndKeepsTheTechniciansEditsOnUpgrade(@TempDir Path tmp)
            throws IOException {
        Path root = tmp.resolve("root");
        Path jar1 = Files.write(tmp.resolve("v1.jar"), new byte[] {1, 2, 3});
        Path jar2 = Files.write(tmp.resolve("v2.jar"), new byte[] {4, 5, 6, 7});
        Path example1 = Files.writeString(tmp.resolve("example1.properties"), "site=example\nbooth=b01\n");
        Path example2 = Files.writeString(tmp.resolve("example2.properties"), "site=example\nbooth=b01\nnewKey=1\n");
        Path config = root.resolve("etc/boothwatch/booth.properties");

        Processes.Result first = install(DEPLOY.resolve("install-booth-agent.sh"), root, jar1, example1);
        assertEquals(0, first.exitCode(), first.output());
        assertAll(
                () -> assertArrayEquals(Files.readAllBytes(jar1),
                        Files.readAllBytes(root.resolve("usr/share/booth-agent/booth-agent.jar"))),
                () -> assertEquals(Files.readString(example1), Files.readString(config)),
                () -> assertEquals(Files.readString(DEPLOY.resolve("systemd/booth-agent.service")),
                        Files.readString(root.resolve("etc/systemd/system/booth-agent.service"))),
                () -> assertTrue(Files.isRegularFile(root.resolve("etc/udev/rules.d/60-boothwatch-gpio.rules"))),
                () -> assertTrue(Files.isDirectory(root.resolve("var/lib/boothwatch/agent"))));

        String edited = "site=lindengasse\nbooth=b07\nbroker=ssl://gw.local:8883\n";
        Files.writeString(config, edited);
        Processes.Result upgrade = install(INSTALL, root, jar2, example2, "booth-agent");
        assertEquals(0, upgrade.exitCode(), upgrade.output());
        assertAll(
                () -> assertEquals(edited, Files.readString(config), "the technician's config is kept"),
                () -> assertTrue(upgrade.output().contains("kept your /etc/boothwatch/booth.properties"),
                        upgrade.output()),
                () -> assertArrayEquals(Files.readAllBytes(jar2),
                        Files.readAllBytes(root.resolve("usr/share/booth-agent/booth-agent.jar"))),
                () -> assertEquals(Files.readString(example2),
                        Files.readString(root.resolve("usr/share/booth-agent/booth.example.properties"))));

        Processes.Result again = install(INSTALL, root, jar2, example2, "booth-agent");
        assertEquals(0, again.exitCode(), again.output());
        assertFalse(again.output().contains("install: wrote"), "a repeated run changes nothing:\n" + again.output());
        assertEquals(edited, Files.readString(config));
    }

    @Test
    void stagedGatewayInstall(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("root");
        Path jar = Files.write(tmp.resolve("gw.jar"), new byte[] {9});
        Path example = Files.writeString(tmp.resolve("gw.properties"), "http.port=8080\n");
        Processes.Result r = install(DEPLOY.resolve("install-gateway.sh"), root, jar, example);
        assertEquals(0, r.exitCode(), r.output());
        assertAll(
                () -> assertTrue(Files.isRegularFile(root.resolve("usr/share/boothwatch-gateway/boothwatch-gateway.jar"))),
                () -> assertEquals("http.port=8080\n", Files.readString(root.resolve("etc/boothwatch/gateway.properties"))),
                () -> assertTrue(Files.isRegularFile(root.resolve("etc/systemd/system/boothwatch-gateway.service"))),
                () -> assertFalse(Files.exists(root.resolve("etc/udev")), "the gateway needs no GPIO rule"),
                () -> assertTrue(Files.isDirectory(root.resolve("var/lib/boothwatch/gateway"))));
    }

    @Test
    void badArgumentsAreRejectedWithUsageAndExitCode2() {
        Processes.Result component = Processes.run(List.of("bash", INSTALL.toString(), "toaster"));
        assertEquals(2, component.exitCode(), component.output());
        assertTrue(component.output().contains("unknown component 'toaster' (allowed: booth-agent, gateway)"),
                component.output());
        Processes.Result option = Processes.run(List.of("bash", INSTALL.toString(), "gateway", "--colour", "red"));
        assertEquals(2, option.exitCode(), option.output());
        assertTrue(option.output().contains("unknown option '--colour'"), option.output());
    }

    @Test
    void missingJarFailsClearly(@TempDir Path tmp) {
        Processes.Result r = Processes.run(List.of("bash", INSTALL.toString(), "booth-agent",
                "--root", tmp.toString(), "--jar", tmp.resolve("nope.jar").toString()));
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("no such jar"), r.output());
    }

    private static Processes.Result install(Path script, Path root, Path jar, Path example, String... component) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(component));
        command.addAll(List.of("--root", root.toString(), "--jar", jar.toString(), "--example", example.toString()));
        return Processes.run(command);
    }
}
