package org.boothwatch.simulator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.boothwatch.contract.Ids;
import org.boothwatch.simulator.scenario.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulator --booths N [--broker URI] [--scenario FILE] [--speed X]} and friends (CONTRACT §7). */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = Main.Version.class,
        description = {
                "Virtual booths running the real booth-agent code on simulated IO.",
                "With --scenario: runs the file (exit 0 when every expectation held, 1 otherwise).",
                "With --load: a load generator with a behaviour model; prints counters.",
                "Otherwise: interactive, with a control page (default http://localhost:8081/).",
                "Without --broker and --gateway-url it starts an embedded MQTT broker and a gateway in-process."})
public final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--booths", paramLabel = "N", description = "number of virtual booths b01..bNN (default 8; with --scenario: the file's booths)")
    Integer booths;

    @Option(names = "--broker", paramLabel = "URI", description = "external MQTT broker, tcp://host:port or ssl://host:port")
    String broker;

    @Option(names = "--gateway-url", paramLabel = "URL", description = "external gateway HTTP base URL, e.g. http://gw:8080/")
    String gatewayUrl;

    @Option(names = "--scenario", paramLabel = "FILE", description = "scenario file (docs/simulator.md)")
    Path scenario;

    @Option(names = "--speed", paramLabel = "X", description = "virtual time runs X times faster (default 1; up to 1000)")
    String speed = "1";

    @Option(names = "--load", description = "run the load behaviour model on every booth")
    boolean load;

    @Option(names = "--duration", paramLabel = "D", description = "with --load: stop after this much virtual time, e.g. 5m (default: until Ctrl-C)")
    String duration;

    @Option(names = "--seed", paramLabel = "S", description = "with --load: random seed (default: random)")
    Long seed;

    @Option(names = "--control-port", paramLabel = "P", description = "control page port (default 8081; 0 = any free port; -1 = none)")
    String controlPort;

    @Option(names = "--gateway-port", paramLabel = "P", description = "in-process gateway HTTP port (default 8080; 0 = any free port)")
    String gatewayPort;

    @Option(names = "--site", paramLabel = "ID", description = "site id (default demo; 'training' or an id starting with 'training-' marks a training site)")
    String site = "demo";

    @Option(names = "--training", description = "training session: the site id becomes training (unless --site is already a training site id)")
    boolean training;

    @Option(names = "--username", description = "MQTT user name for --broker")
    String username;

    @Option(names = "--password", description = "MQTT password for --broker (needs --username)")
    String password;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "PEM CA certificate to trust for an ssl:// --broker")
    Path tlsCa;

    @Option(names = "--staff-token", paramLabel = "TOKEN", description = "staff token for the gateway's write endpoints (ack/resolve)")
    String staffToken;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "in-process gateway and agent data (default: a fresh temporary folder)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        return new Launcher(validate()).run();
    }

    /** Every check before anything starts; throws {@link UsageException} naming option, value and what is allowed. */
    public SimulatorOptions validate() {
        double x;
        try {
            x = Double.parseDouble(speed);
        } catch (NumberFormatException e) {
            throw new UsageException("--speed", speed, "a number > 0 and <= 1000, e.g. 1, 2.5 or 100");
        }
        if (!(x > 0 && x <= 1000)) throw new UsageException("--speed", speed, "a number > 0 and <= 1000, e.g. 1, 2.5 or 100");
        if (booths != null && (booths < 1 || booths > 2000)) {
            throw new UsageException("--booths", String.valueOf(booths), "a whole number from 1 to 2000");
        }
        if (scenario != null && load) throw new UsageException("--load cannot be combined with --scenario");
        if (scenario != null && !Files.isReadable(scenario)) {
            throw new UsageException("--scenario", scenario.toString(), "a readable scenario file");
        }
        URI brokerUri = null;
        if (broker != null) {
            brokerUri = uri("--broker", broker, "tcp://host:port or ssl://host:port");
            if (!("tcp".equals(brokerUri.getScheme()) || "ssl".equals(brokerUri.getScheme()))
                    || brokerUri.getHost() == null || brokerUri.getPort() < 1) {
                throw new UsageException("--broker", broker, "tcp://host:port or ssl://host:port");
            }
        }
        URI gw = null;
        if (gatewayUrl != null) {
            gw = uri("--gateway-url", gatewayUrl, "an http:// or https:// URL, e.g. http://gateway:8080/");
            if (!("http".equals(gw.getScheme()) || "https".equals(gw.getScheme())) || gw.getHost() == null) {
                throw new UsageException("--gateway-url", gatewayUrl, "an http:// or https:// URL, e.g. http://gateway:8080/");
            }
            if (!gw.getPath().endsWith("/")) gw = URI.create(gw + "/");
        }
        if ((brokerUri == null) != (gw == null)) {
            throw new UsageException(brokerUri == null
                    ? "option --gateway-url needs --broker (the gateway's broker); give both, or neither for an in-process broker and gateway"
                    : "option --broker needs --gateway-url (the site's gateway); give both, or neither for an in-process broker and gateway");
        }
        if (password != null && username == null) throw new UsageException("option --password needs --username");
        if ((username != null || tlsCa != null) && brokerUri == null) {
            throw new UsageException("options --username, --password and --tls-ca apply to an external --broker only");
        }
        if (tlsCa != null && !"ssl".equals(brokerUri.getScheme())) {
            throw new UsageException("--tls-ca", tlsCa.toString(), "only with an ssl:// --broker");
        }
        if (tlsCa != null && !Files.isReadable(tlsCa)) {
            throw new UsageException("--tls-ca", tlsCa.toString(), "a readable PEM file");
        }
        String siteId = training && !Ids.isTrainingSite(site) ? Ids.TRAINING : site;
        if (!Ids.isValid(siteId)) throw new UsageException("--site", site, Ids.ALLOWED);
        int control = port("--control-port", controlPort, scenario != null || load ? -1 : 8081, true);
        int gatewayHttp = port("--gateway-port", gatewayPort, scenario != null ? 0 : 8080, false);
        if (gatewayPort != null && gw != null) throw new UsageException("option --gateway-port is for the in-process gateway, not with --gateway-url");
        Duration d = null;
        if (duration != null) {
            if (!load) throw new UsageException("option --duration applies to --load only");
            try {
                d = Durations.parse(duration);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--duration", duration, Durations.ALLOWED);
            }
            if (d.isZero()) throw new UsageException("--duration", duration, "a duration longer than 0s");
        }
        return new SimulatorOptions(booths, brokerUri, gw, scenario, x, load, d, seed, control, gatewayHttp, siteId,
                SimulatorOptions.isTraining(siteId), username, password, tlsCa, staffToken, dataDir);
    }

    private static URI uri(String option, String value, String allowed) {
        try {
            return new URI(value);
        } catch (Exception e) {
            throw new UsageException(option, value, allowed);
        }
    }

    private static int port(String option, String value, int dflt, boolean allowNone) {
        if (value == null) return dflt;
        String allowed = "a port 0-65535 (0 = any free port)" + (allowNone ? " or -1 for none" : "");
        try {
            int p = Integer.parseInt(value);
            if (p > 65535 || p < (allowNone ? -1 : 0)) throw new UsageException(option, value, allowed);
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException(option, value, allowed);
        }
    }
}
