package org.boothwatch.agent;

import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.config.ConfigException;
import org.boothwatch.agent.config.Durations;
import org.boothwatch.agent.io.BoothIoException;
import org.boothwatch.agent.io.Pi4jBoothIo;
import org.boothwatch.agent.selftest.PahoBrokerCheck;
import org.boothwatch.agent.selftest.Selftest;
import org.boothwatch.agent.selftest.SelftestReport;
import org.boothwatch.contract.TimeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code booth-agent selftest --config FILE}: the technician's commissioning walk-through on the configured
 * GPIO (see {@link Selftest}). Stop the agent first: the selftest needs the pins.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Commissioning: walk a technician through every input (panic, reset, walk in, wave, leave), "
                + "switch the lamp and buzzer on for confirmation, check the broker connection (credentials, TLS) "
                + "and that a gateway of the site is online. Prints PASS/FAIL/SKIP per step. "
                + "Stop the booth-agent service first: the selftest needs the GPIO pins.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed", "1:a check failed or was skipped, or the GPIO could not be opened",
                "2:bad option or config value"})
public final class SelftestCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "booth properties file (the agent's own)")
    Path config;

    @Option(names = "--step-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "how long each step waits for the input or the answer, 1s to 10m (default: ${DEFAULT-VALUE})")
    String stepTimeout;

    @Option(names = "--gateway-wait", paramLabel = "DURATION", defaultValue = "3s",
            description = "how long to look for a gateway's retained status, 100ms to 1m (default: ${DEFAULT-VALUE})")
    String gatewayWait;

    private final Reader in;
    private final PrintStream out;
    private final PrintStream err;

    /** The command as run from the command line: the terminal's input and output. */
    public SelftestCommand() {
        this(new InputStreamReader(System.in, Charset.defaultCharset()), System.out, System.err);
    }

    /** With the technician's input and output injected (tests). */
    public SelftestCommand(Reader in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        AgentConfig cfg;
        Selftest.Settings settings;
        try {
            if (config == null) throw new ConfigException("--config", null, "a booth properties file (required)");
            settings = Selftest.Settings.defaults()
                    .withStepTimeout(duration("--step-timeout", stepTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10)))
                    .withGatewayWait(duration("--gateway-wait", gatewayWait, Duration.ofMillis(100), Duration.ofMinutes(1)));
            cfg = Main.load(config);
        } catch (ConfigException e) {
            err.println("booth-agent selftest: " + e.getMessage());
            return Main.EXIT_CONFIG;
        }
        PahoBrokerCheck broker;
        try {
            broker = new PahoBrokerCheck(cfg, Duration.ofSeconds(5));
        } catch (IllegalArgumentException e) {
            err.println("booth-agent selftest: " + new ConfigException("mqtt.tls.caFile",
                    cfg.mqttTlsCaFile().map(Path::toString).orElse(null), e.getMessage()).getMessage());
            return Main.EXIT_CONFIG;
        }
        Pi4jBoothIo io;
        try {
            io = new Pi4jBoothIo(cfg);
        } catch (BoothIoException e) {
            err.println("booth-agent selftest: " + e.getMessage()
                    + " (is the booth-agent service still running? stop it first: sudo systemctl stop booth-agent)");
            return SelftestReport.EXIT_NOT_PASSED;
        }
        try {
            return new Selftest(cfg, io, broker, TimeSource.SYSTEM, in, out, settings).run().exitCode();
        } finally {
            io.close();
        }
    }

    private static Duration duration(String option, String value, Duration min, Duration max) throws ConfigException {
        String allowed = Durations.ALLOWED + ", from " + Durations.format(min) + " to " + Durations.format(max);
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, value, allowed);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) throw new ConfigException(option, value, allowed);
        return d;
    }
}
