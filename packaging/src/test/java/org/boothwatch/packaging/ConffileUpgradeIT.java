package org.boothwatch.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real dpkg upgrades of the built booth-agent package in a throwaway root (dpkg --root), showing
 * that a technician's edits to /etc/boothwatch/booth.properties survive. The copies installed here
 * have no maintainer scripts: those create system users and call systemctl on the real system, and
 * dpkg would run them chrooted into a root that has no shell. Conffile handling is dpkg's own and
 * does not involve the scripts.
 */
class ConffileUpgradeIT {

    private static final String CONFIG = "etc/boothwatch/booth.properties";

    /** Built once: 1.0, 1.1 with the same default config, 1.1 with a changed default config. */
    @TempDir
    static Path debs;
    static Path v1;
    static Path v11;
    static Path v11NewDefault;

    @TempDir
    Path tmp;
    Path root;

    @BeforeAll
    static void repackTheBuiltPackage() throws IOException {
        assumeTrue(Processes.onPath("dpkg") && Processes.onPath("dpkg-deb"), "dpkg is not installed");
        assumeTrue("0".equals(Processes.run(List.of("id", "-u")).output().strip()),
                "dpkg --root needs root to give files their owners");
        v1 = repack("1.0", null, "v1");
        v11 = repack("1.1", null, "v11");
        v11NewDefault = repack("1.1", "# a key added in 1.1\n", "v11-new-default");
    }

    @BeforeEach
    void throwawayRoot() throws IOException {
        root = tmp.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        Files.createFile(root.resolve("var/lib/dpkg/available"));
    }

    @Test
    void editedConfigIsKeptSilentlyWhenTheDefaultDidNotChange() throws IOException {
        dpkg("-i", v1);
        String edited = "site=lindengasse\nbooth=b07\n";
        Files.writeString(root.resolve(CONFIG), edited);

        dpkg("-i", v11); // no --force-conf*: a prompt would read the closed stdin and fail
        assertAll(
                () -> assertEquals(edited, Files.readString(root.resolve(CONFIG))),
                () -> assertEquals("1.1", installedVersion()),
                () -> assertFalse(Files.exists(root.resolve(CONFIG + ".dpkg-dist"))));
    }

    @Test
    void editedConfigIsKeptAndTheNewDefaultSetBesideItWhenBothChanged() throws IOException {
        dpkg("-i", v1);
        String edited = "site=lindengasse\nbooth=b07\n";
        Files.writeString(root.resolve(CONFIG), edited);

        String out = dpkg("--force-confold", "-i", v11NewDefault);
        assertAll(
                () -> assertEquals(edited, Files.readString(root.resolve(CONFIG))),
                () -> assertTrue(Files.readString(root.resolve(CONFIG + ".dpkg-dist")).endsWith("# a key added in 1.1\n")),
                () -> assertTrue(out.contains("Modified (by you or by a script) since installation"), out));
    }

    @Test
    void untouchedConfigFollowsTheNewDefault() throws IOException {
        dpkg("-i", v1);
        assertEquals(Files.readString(PackageSpec.AGENT.exampleConfig()), Files.readString(root.resolve(CONFIG)));

        dpkg("-i", v11NewDefault);
        assertTrue(Files.readString(root.resolve(CONFIG)).endsWith("# a key added in 1.1\n"));
    }

    /** The built package with the given version, without maintainer scripts, optionally a changed default config. */
    private static Path repack(String version, String appendToConfig, String name) throws IOException {
        Path tree = debs.resolve("tree-" + name);
        run(List.of("dpkg-deb", "-R", PackageSpec.AGENT.deb().toString(), tree.toString()));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Files.delete(tree.resolve("DEBIAN").resolve(script));
        }
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        if (appendToConfig != null) {
            Files.writeString(tree.resolve(CONFIG), Files.readString(tree.resolve(CONFIG)) + appendToConfig);
            Path md5 = tree.resolve("DEBIAN/md5sums");
            List<String> lines = new ArrayList<>(Files.readAllLines(md5));
            lines.removeIf(l -> l.endsWith(" " + CONFIG));
            Files.write(md5, lines);
        }
        Path deb = debs.resolve(name + ".deb");
        run(List.of("dpkg-deb", "--root-owner-group", "-b", tree.toString(), deb.toString()));
        return deb;
    }

    private String dpkg(Object... args) {
        List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-depends", "--force-unsafe-io"));
        for (Object a : args) {
            command.add(a.toString());
        }
        return run(command);
    }

    private String installedVersion() {
        return run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W", "-f=${Version}",
                "booth-agent")).strip();
    }

    private static String run(List<String> command) {
        Processes.Result r = Processes.run(command);
        assertEquals(0, r.exitCode(), command + "\n" + r.output());
        return r.output();
    }
}
