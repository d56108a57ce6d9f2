package org.boothwatch.gateway;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.config.ConfigException;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.gateway.config.Preflight;
import org.boothwatch.gateway.provision.ProvisionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gateway [--config gateway.properties]}: runs the gateway until stopped (SIGTERM/Ctrl-C). */
@Command(name = "gateway", mixinStandardHelpOptions = true, version = "boothwatch gateway",
        description = "Runs the boothwatch gateway: booth state, alarms, event store, wall display and HTTP API.%n"
                + "With no config: embedded MQTT broker on 1883, HTTP on 8080, data in ./boothwatch-data/.",
        subcommands = {ProvisionCommand.class})
public final class Main implements Callable<Integer> {
    public static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "gateway.properties (see gateway.example.properties)")
    Path config;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("gateway: " + ex.getMessage());
            ex.getCommandLine().getErr().println("try: gateway --help");
            return EXIT_CONFIG;
        });
        return cl.execute(args);
    }

    /** Reads and validates the config; exits 2 on any bad value. */
    static GatewayConfig load(Path file) {
        Properties p = new Properties();
        if (file != null) {
            if (!Files.isReadable(file)) throw new ConfigException("--config", file.toString(), "a readable properties file");
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("--config", file.toString(), "a readable properties file (" + e.getMessage() + ")");
            }
        }
        GatewayConfig cfg = GatewayConfig.fromProperties(p);
        Preflight.check(cfg);
        return cfg;
    }

    /** The innermost message, without library exception class names (one readable line). */
    static String plain(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? e.getMessage() : t.getMessage();
        if (m == null) m = "unexpected failure";
        return m.replaceAll("([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(Exception|Error)(: )?", "").lines().findFirst().orElse("").strip();
    }

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig cfg;
        try {
            cfg = load(config);
        } catch (ConfigException e) {
            System.err.println("gateway: bad config: " + e.getMessage());
            return EXIT_CONFIG;
        }
        Gateway gw;
        try {
            gw = Gateway.start(cfg, TimeSource.SYSTEM);
        } catch (RuntimeException e) {
            System.err.println("gateway: cannot start: " + plain(e));
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gw.close();
            done.countDown();
        }, "shutdown"));
        done.await();
        return 0;
    }
}
