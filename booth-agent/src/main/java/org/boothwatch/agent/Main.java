package org.boothwatch.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Callable;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.config.ConfigException;
import org.boothwatch.agent.config.FileChecks;
import org.boothwatch.agent.io.BoothIoException;
import org.boothwatch.agent.io.Pi4jBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.TimeSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code booth-agent --config booth.properties}; {@code booth-agent --help}. */
@Command(name = "booth-agent", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "boothwatch booth agent: senses one booth (occupancy, motion, panic, reset), runs the "
                + "inactivity alarms, drives the booth lamp and buzzer and publishes over MQTT.",
        subcommands = {SelftestCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:could not start (GPIO, broker client, queue folder)",
                "2:bad option or config value"})
public final class Main implements Callable<Integer> {
    public static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE", description = "booth properties file (see booth.example.properties)")
    Path config;

    public static void main(String[] args) {
        quietPi4jLogs();
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** Pi4J's board detection logs errors off a Pi; its INFO lines are not events of ours. */
    static void quietPi4jLogs() {
        System.setProperty("org.slf4j.simpleLogger.log.com.pi4j", System.getProperty("org.slf4j.simpleLogger.log.com.pi4j", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.com.pi4j.boardinfo", "off");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", System.getProperty("org.slf4j.simpleLogger.showDateTime", "false"));
    }

    @Override
    public Integer call() {
        if (config == null) return configError("--config", null, "a booth properties file (required)");
        AgentConfig cfg;
        try {
            cfg = load(config);
            FileChecks.prepareQueueDir("queue.dir", cfg.queueDir());
        } catch (ConfigException e) {
            System.err.println("booth-agent: " + e.getMessage());
            return EXIT_CONFIG;
        }
        PahoTransport transport;
        try {
            transport = PahoTransport.forAgent(cfg);
        } catch (IllegalArgumentException e) {
            // FileChecks has read the file already; this is a certificate the TLS trust store still refuses.
            return configError("mqtt.tls.caFile", cfg.mqttTlsCaFile().map(Path::toString).orElse(null),
                    "a readable PEM file of CA certificates (cannot be used as a trust store)");
        }
        Pi4jBoothIo io;
        try {
            io = new Pi4jBoothIo(cfg);
        } catch (BoothIoException e) {
            System.err.println("booth-agent: " + e.getMessage());
            return 1;
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "booth-agent");
            t.setDaemon(true);
            return t;
        });
        BoothAgent agent = new BoothAgent(cfg, io, transport, TimeSource.SYSTEM, scheduler);
        try {
            agent.start();
        } catch (RuntimeException e) {
            System.err.println("booth-agent: cannot start: " + e.getMessage());
            io.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            io.close();
            stopped.countDown();
        }, "booth-agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static AgentConfig load(Path file) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("--config", file.toString(), "a readable properties file (" + e.getMessage() + ")");
        }
        return AgentConfig.fromProperties(p);
    }

    private static int configError(String key, String value, String allowed) {
        System.err.println("booth-agent: " + new ConfigException(key, value, allowed).getMessage());
        return EXIT_CONFIG;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"booth-agent " + (v == null ? "dev" : v)};
        }
    }
}
