package org.boothwatch.packaging;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Opens the .deb files that mvn package built and checks what dpkg will install from them. */
class PackagesIT {

    /** Debian version syntax (no epoch, no revision: jdeb writes the upstream version). */
    private static final String DEBIAN_VERSION = "[0-9][A-Za-z0-9.+~]*";

    static List<PackageSpec> packages() {
        return PackageSpec.both();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void isADebianBinaryPackageWithAValidVersion(PackageSpec spec) {
        DebPackage deb = DebPackage.read(spec.deb());
        String projectVersion = System.getProperty("packaging.projectVersion", "");
        String version = deb.control().get("Version");
        String fileName = spec.deb().getFileName().toString();
        assertAll(
                () -> assertEquals(List.of("debian-binary", "control.tar.gz", "data.tar.gz"), deb.arMembers),
                () -> assertEquals("2.0\n", deb.debianBinary),
                () -> assertEquals(spec.pkg(), deb.control().get("Package")),
                () -> assertEquals("all", deb.control().get("Architecture")),
                () -> assertNotNull(version, "Version"),
                () -> assertTrue(version.matches(DEBIAN_VERSION), "not a Debian version: " + version),
                () -> assertTrue(!version.contains("SNAPSHOT"), "SNAPSHOT must become ~<timestamp>: " + version),
                () -> assertTrue(projectVersion.isEmpty()
                        || version.startsWith(projectVersion.replace("-SNAPSHOT", "~")), version),
                () -> assertEquals(spec.pkg() + "_" + version + "_all.deb", fileName),
                () -> assertNotNull(deb.control().get("Maintainer"), "Maintainer"),
                () -> assertTrue(deb.control().getOrDefault("Description", "").contains("\n"),
                        "Description needs a synopsis and a long description"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void dependsOnAHeadlessJre17FromDebianAndAdduser(PackageSpec spec) {
        String depends = DebPackage.read(spec.deb()).control().get("Depends");
        assertNotNull(depends, "Depends");
        List<String> clauses = List.of(depends.split("\\s*,\\s*"));
        assertTrue(clauses.contains("adduser"), depends);
        String jre = clauses.stream().filter(c -> c.contains("jre-headless")).findFirst()
                .orElseThrow(() -> new AssertionError("no headless JRE in " + depends));
        List<String> alternatives = List.of(jre.split("\\s*\\|\\s*"));
        assertEquals("default-jre-headless (>= 2:1.17)", alternatives.get(0), "the distro's default JRE first");
        assertTrue(alternatives.containsAll(List.of("openjdk-17-jre-headless", "openjdk-21-jre-headless",
                "java17-runtime-headless")), jre);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void installsJarUnitConfigAndDocsAsRoot(PackageSpec spec) throws IOException {
        DebPackage deb = DebPackage.read(spec.deb());
        List<String> expected = new ArrayList<>(List.of(spec.jar(), spec.config(), spec.unitInPackage(),
                "/usr/share/" + spec.pkg() + "/" + spec.exampleConfig().getFileName(),
                "/usr/share/doc/" + spec.pkg() + "/installation.md"));
        if (spec == PackageSpec.AGENT) {
            expected.add("/lib/udev/rules.d/60-boothwatch-gpio.rules");
        }
        for (String path : expected) {
            DebPackage.Entry e = deb.data.get(path);
            assertNotNull(e, spec.pkg() + " lacks " + path + "; it has " + deb.data.keySet());
            assertAll(path,
                    () -> assertEquals(0644, e.mode(), "mode"),
                    () -> assertEquals("root", e.user()),
                    () -> assertEquals("root", e.group()));
        }
        for (DebPackage.Entry e : deb.data.values()) {
            assertTrue(e.path().matches("/(usr|etc|lib)(/.*)?"), "unexpected path " + e.path());
        }
        assertEquals(Files.size(spec.sourceJar()), deb.data.get(spec.jar()).size(), "the jar is the built one");
        assertEquals(Files.readString(spec.unitSource()), deb.dataText(spec.unitInPackage()),
                "the unit is deploy/systemd/" + spec.unitName());
        assertEquals(Files.readString(spec.exampleConfig()), deb.dataText(spec.config()),
                "the shipped config is the example config");
    }

    /** The technician's edits survive upgrades because dpkg treats the config as a conffile. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void configIsAConffile(PackageSpec spec) {
        assertEquals(List.of(spec.config()), DebPackage.read(spec.deb()).conffiles());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void jarIsTheRunnableShadedJar(PackageSpec spec) {
        DebPackage deb = DebPackage.read(spec.deb());
        String mainClassFile = spec.mainClass().replace('.', '/') + ".class";
        List<String> found = deb.readData(spec.jar(), in -> {
            List<String> hits = new ArrayList<>();
            try (JarInputStream jar = new JarInputStream(in)) {
                Manifest manifest = jar.getManifest();
                hits.add("Main-Class=" + (manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class")));
                JarEntry e;
                while ((e = jar.getNextJarEntry()) != null) {
                    if (e.getName().equals(mainClassFile) || e.getName().equals(spec.witnessClass())
                            || e.getName().equals("org/eclipse/paho/client/mqttv3/MqttClient.class")) {
                        hits.add(e.getName());
                    }
                }
            }
            return hits;
        }).orElseThrow();
        assertAll(
                () -> assertTrue(found.contains("Main-Class=" + spec.mainClass()), "manifest: " + found),
                () -> assertTrue(found.contains(mainClassFile), "the jar has no " + mainClassFile),
                () -> assertTrue(found.contains(spec.witnessClass()), "not shaded (no " + spec.witnessClass() + ")"),
                () -> assertTrue(found.contains("org/eclipse/paho/client/mqttv3/MqttClient.class"), "no Paho"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void maintainerScriptsCreateTheUserAndDirectoriesAndManageTheService(PackageSpec spec) {
        DebPackage deb = DebPackage.read(spec.deb());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertEquals(0755, deb.controlModes.get(script), script + " mode");
            assertTrue(deb.controlFiles.get(script).startsWith("#!/bin/sh\n"), script);
        }
        String postinst = deb.controlFiles.get("postinst");
        String dataDir = "/var/lib/" + spec.dataDir();
        assertAll(
                () -> assertTrue(postinst.contains("SVC_USER=" + spec.user()), "user"),
                () -> assertTrue(postinst.contains("adduser --system --group"), "system user"),
                () -> assertTrue(postinst.contains("DATA=" + dataDir), "data dir"),
                () -> assertTrue(postinst.contains("install -d -m 0750 -o \"$SVC_USER\" -g \"$SVC_USER\" \"$DATA\""),
                        "data dir owned by the service user"),
                () -> assertTrue(postinst.contains("CONFIG=" + spec.config()), "config"),
                () -> assertTrue(postinst.contains("systemctl enable " + spec.unitName()), "enable"),
                () -> assertTrue(postinst.contains("systemctl try-restart " + spec.unitName()), "restart on upgrade"),
                () -> assertTrue(deb.controlFiles.get("prerm").contains("systemctl stop " + spec.unitName()), "stop"));
        if (spec == PackageSpec.AGENT) {
            assertTrue(postinst.contains("adduser \"$SVC_USER\" gpio"), "agent user joins the gpio group");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void maintainerScriptsPassShellcheck(PackageSpec spec, @TempDir Path dir) throws IOException {
        assumeTrue(Processes.onPath("shellcheck"), "shellcheck is not installed (apt-get install shellcheck)");
        DebPackage deb = DebPackage.read(spec.deb());
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=sh", "--severity=style"));
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = dir.resolve(script);
            Files.writeString(file, deb.controlFiles.get(script));
            command.add(file.toString());
        }
        Processes.Result result = Processes.run(command);
        assertEquals(0, result.exitCode(), result.output());
    }

    /** dpkg itself, where present, accepts the package and unpacks the same files. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void dpkgDebAcceptsThePackage(PackageSpec spec, @TempDir Path root) {
        assumeTrue(Processes.onPath("dpkg-deb"), "dpkg-deb is not installed");
        String deb = spec.deb().toString();
        Processes.Result info = Processes.run(List.of("dpkg-deb", "--info", deb));
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains("Package: " + spec.pkg()), info.output());
        Processes.Result field = Processes.run(List.of("dpkg-deb", "--field", deb, "Version"));
        assertEquals(DebPackage.read(spec.deb()).control().get("Version"), field.output().strip());
        if (spec == PackageSpec.AGENT) {
            // Unpacking the 100+ MB gateway adds seconds and nothing the listing below does not show.
            Processes.Result x = Processes.run(List.of("dpkg-deb", "-x", deb, root.toString()));
            assertEquals(0, x.exitCode(), x.output());
            assertTrue(Files.isRegularFile(root.resolve(spec.jar().substring(1))));
            assertTrue(Files.isRegularFile(root.resolve(spec.config().substring(1))));
            assertTrue(Files.isRegularFile(root.resolve(spec.unitInPackage().substring(1))));
        }
        Processes.Result contents = Processes.run(List.of("dpkg-deb", "--contents", deb));
        assertEquals(0, contents.exitCode(), contents.output());
        assertTrue(contents.output().contains("." + spec.jar()), contents.output());
    }
}
