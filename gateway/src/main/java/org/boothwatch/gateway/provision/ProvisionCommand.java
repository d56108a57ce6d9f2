package org.boothwatch.gateway.provision;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.boothwatch.contract.Ids;
import org.boothwatch.contract.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gateway provision}: everything a technician needs for a secure site — a Mosquitto config (TLS
 * only, no anonymous access, persistence), password file, ACL, a site CA and server certificate, and a
 * config snippet per booth and gateway. Bad options exit 2 naming the option; nothing is overwritten.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Generate a secure site: Mosquitto config, passwords, ACL, CA + server certificate, "
                + "and a config snippet per booth and gateway.")
public final class ProvisionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--site", required = true, description = "site id")
    String site;

    @Option(names = "--booths", required = true, split = ",", description = "booth ids, comma-separated")
    List<String> booths;

    @Option(names = "--out", required = true, description = "output folder (created; must be empty)")
    Path out;

    @Option(names = "--host", description = "broker host name or IP the booths use (repeatable; the first goes into "
            + "the snippets); localhost and 127.0.0.1 are always added")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--gateways", split = ",", defaultValue = "gw1", description = "gateway ids (default: ${DEFAULT-VALUE})")
    List<String> gateways;

    @Option(names = "--port", defaultValue = "8883", description = "broker TLS port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--mosquitto-dir", defaultValue = "/etc/mosquitto/boothwatch",
            description = "where passwd, acl and certs/ are installed on the broker (default: ${DEFAULT-VALUE})")
    String mosquittoDir;

    @Option(names = "--persistence-dir", defaultValue = "/var/lib/mosquitto/",
            description = "Mosquitto's persistence folder (default: ${DEFAULT-VALUE})")
    String persistenceDir;

    @Option(names = "--ca-path", defaultValue = "/etc/boothwatch/ca.crt",
            description = "where ca.crt is installed on the gateway and the booths (default: ${DEFAULT-VALUE})")
    String caPath;

    @Option(names = "--valid-days", defaultValue = "825", description = "server certificate validity (default: ${DEFAULT-VALUE})")
    int validDays;

    private final Clock clock;
    private final SecureRandom random;

    public ProvisionCommand() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    ProvisionCommand(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Runs the command as {@code gateway provision ARGS}; returns the exit code (0 ok, 2 bad option, 1 I/O failure). */
    public static int run(String... args) {
        return new CommandLine(new ProvisionCommand()).execute(args);
    }

    public static void main(String... args) {
        System.exit(run(args));
    }

    @Override
    public Integer call() {
        List<String> allHosts = validate();
        Instant now = clock.instant();
        SiteFiles.Layout layout = new SiteFiles.Layout(site, booths, gateways, allHosts, port, mosquittoDir,
                persistenceDir, caPath, Json.format(now));
        try {
            write(layout, now);
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("provision: cannot write " + out + ": " + e.getCause().getMessage());
            return 1;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("provision: site " + site + ", " + booths.size() + " booth(s), " + gateways.size()
                + " gateway(s), broker " + layout.brokerUri() + " -> " + out.toAbsolutePath());
        o.println("provision: read " + out.resolve("README.md") + "; keep ca/ca.key offline");
        o.flush();
        return 0;
    }

    private List<String> validate() {
        require(Ids.isValid(site), "--site", site, Ids.ALLOWED);
        requireIds("--booths", booths);
        requireIds("--gateways", gateways);
        require(port >= 1 && port <= 65535, "--port", String.valueOf(port), "1-65535");
        require(validDays >= 1 && validDays <= 3650, "--valid-days", String.valueOf(validDays), "1-3650");
        for (String[] p : List.of(new String[] {"--mosquitto-dir", mosquittoDir}, new String[] {"--persistence-dir", persistenceDir},
                new String[] {"--ca-path", caPath})) {
            require(p[1].startsWith("/") && !p[1].matches(".*[\\s\"'#].*"), p[0], p[1], "an absolute path without spaces, quotes or '#'");
        }
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (String h : hosts) {
            require(SiteCa.isValidHost(h), "--host", h, "a DNS name or an IP address");
            all.add(h);
        }
        all.add("localhost");
        all.add("127.0.0.1");
        try (var entries = Files.exists(out) ? Files.list(out) : null) {
            require(entries == null || entries.findAny().isEmpty(), "--out", out.toString(),
                    "a new or empty folder (provision never overwrites keys or passwords)");
        } catch (IOException e) {
            require(false, "--out", out.toString(), "a readable folder (" + e.getMessage() + ")");
        }
        return List.copyOf(all);
    }

    private void requireIds(String option, List<String> ids) {
        require(ids != null && !ids.isEmpty(), option, "", "at least one id");
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (String id : ids) {
            require(Ids.isValid(id), option, id, Ids.ALLOWED);
            require(seen.add(id), option, id, "each id once");
        }
    }

    private void require(boolean ok, String option, String value, String allowed) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), option + "='" + value + "' is not allowed: " + allowed);
        }
    }

    private void write(SiteFiles.Layout l, Instant now) {
        SiteCa cas = new SiteCa(random, now);
        SiteCa.Issued ca = cas.newCa(site, Duration.ofDays(3650));
        SiteCa.Issued server = cas.newServer(ca, site, l.hosts(), Duration.ofDays(validDays));
        MosquittoPasswords pw = new MosquittoPasswords(random);
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder passwd = new StringBuilder();

        file(files, "ca/ca.crt", SiteCa.pem(ca.cert()), false, "the site CA certificate: install on the gateway and every booth");
        file(files, "ca/ca.key", SiteCa.pem(ca.keys().getPrivate()), true, "the site CA private key: keep offline");
        file(files, "mosquitto/certs/ca.crt", SiteCa.pem(ca.cert()), false, "the site CA (for the broker)");
        file(files, "mosquitto/certs/server.crt", SiteCa.pem(server.cert(), ca.cert()), false,
                "the broker's certificate, for " + String.join(", ", l.hosts()));
        file(files, "mosquitto/certs/server.key", SiteCa.pem(server.keys().getPrivate()), true, "the broker's private key");
        SiteCa.writeTrustStore(ca.cert(), mkdirs(out.resolve("ca/ca.p12")), "boothwatch".toCharArray());
        files.put("ca/ca.p12", "the site CA as a PKCS#12 trust store (password `boothwatch`), for Java tools");
        for (String g : gateways) {
            String secret = pw.newPassword(24);
            passwd.append(pw.line(SiteFiles.gatewayUser(site, g), secret)).append('\n');
            file(files, "gateway/" + g + ".properties", SiteFiles.gatewayProperties(l, g, secret, pw.newPassword(32)), true,
                    "gateway " + g + ": broker address, credential, CA, staff token");
        }
        for (String b : booths) {
            String secret = pw.newPassword(24);
            passwd.append(pw.line(SiteFiles.boothUser(site, b), secret)).append('\n');
            file(files, "booths/" + b + ".properties", SiteFiles.boothProperties(l, b, secret), true,
                    "booth " + b + ": broker address, credential, CA");
        }
        file(files, "mosquitto/passwd", passwd.toString(), true, "Mosquitto password file (hashed, `$7$` PBKDF2-SHA512)");
        file(files, "mosquitto/acl", SiteFiles.acl(l), false, "Mosquitto ACL");
        file(files, "mosquitto/mosquitto.conf", SiteFiles.mosquittoConf(l), false, "the complete Mosquitto config");
        Map<String, String> listed = new LinkedHashMap<>(files);
        listed.put("README.md", "this file");
        write(out.resolve("README.md"), SiteFiles.readme(l, listed), false);
    }

    private void file(Map<String, String> files, String rel, String text, boolean secret, String what) {
        write(out.resolve(rel), text, secret);
        files.put(rel, what);
    }

    private static void write(Path p, String text, boolean secret) {
        try {
            mkdirs(p);
            Files.writeString(p, text);
            if (secret && p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mkdirs(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
