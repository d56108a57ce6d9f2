package org.boothwatch.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What each of the two packages must contain; paths come from the build (failsafe properties). */
record PackageSpec(String pkg, String mainClass, String witnessClass, String user, String config,
                   String heap, String dataDir, Path exampleConfig, Path sourceJar) {

    static final PackageSpec AGENT = new PackageSpec("booth-agent", "org.boothwatch.agent.Main",
            "com/pi4j/Pi4J.class", "booth-agent", "/etc/boothwatch/booth.properties", "-Xmx32m",
            "boothwatch/agent", prop("packaging.agentConfig"), prop("packaging.agentJar"));
    static final PackageSpec GATEWAY = new PackageSpec("boothwatch-gateway", "org.boothwatch.gateway.Main",
            "io/javalin/Javalin.class", "boothwatch", "/etc/boothwatch/gateway.properties", "-Xmx256m",
            "boothwatch/gateway", prop("packaging.gatewayConfig"), prop("packaging.gatewayJar"));

    static List<PackageSpec> both() {
        return List.of(AGENT, GATEWAY);
    }

    static Path prop(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through mvn verify)");
        }
        return Path.of(value);
    }

    String jar() {
        return "/usr/share/" + pkg + "/" + pkg + ".jar";
    }

    String unitName() {
        return pkg + ".service";
    }

    String unitInPackage() {
        return "/lib/systemd/system/" + unitName();
    }

    Path unitSource() {
        return prop("packaging.deployDir").resolve("systemd").resolve(unitName());
    }

    /** The one deb of this package the build produced (old ones are cleaned at initialize). */
    Path deb() {
        Path dir = prop("packaging.debDir");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().startsWith(pkg + "_")
                    && f.getFileName().toString().endsWith("_all.deb")).toList();
            if (debs.size() != 1) {
                throw new AssertionError("expected exactly one " + pkg + "_*_all.deb in " + dir + ", found " + debs);
            }
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return pkg;
    }
}
