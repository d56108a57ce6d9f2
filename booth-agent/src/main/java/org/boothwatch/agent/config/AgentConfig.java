package org.boothwatch.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.boothwatch.agent.config.PinConfigs.InputPin;
import org.boothwatch.agent.config.PinConfigs.OutputPin;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.Output;

/**
 * The booth agent's configuration, parsed and validated from a properties file. Every key is
 * documented in {@code booth-agent/booth.example.properties}. Unknown keys are rejected too, so a
 * typo never silently leaves a threshold at its default.
 */
public record AgentConfig(
        String site,
        String booth,
        String mqttUri,
        Optional<String> mqttUsername,
        Optional<String> mqttPassword,
        Optional<Path> mqttTlsCaFile,
        Duration mqttKeepAlive,
        GpioProvider gpioProvider,
        Map<Input, InputPin> inputs,
        Map<Output, OutputPin> outputs,
        Duration lampFlashPeriod,
        Duration warnAfter,
        Duration alarmAfter,
        Duration maxOccupancy,
        Duration motionWhileVacantAfter,
        Duration heartbeatInterval,
        Duration tickInterval,
        Path queueDir,
        Optional<String> gatewayId) {
    /** {@code mqtt.keepAlive} when not configured, in seconds. */
    public static final int DEFAULT_KEEPALIVE_S = 3;


    /** How the booth's GPIO is reached; chosen explicitly, never by fallback. */
    public enum GpioProvider { GPIOD, MOCK }

    public AgentConfig {
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }

    public static AgentConfig fromProperties(Properties p) throws ConfigException {
        ConfigReader r = new ConfigReader(p);
        String site = r.id("site");
        String booth = r.id("booth");
        String uri = r.mqttUri("mqtt.uri");
        Optional<String> user = r.optionalText("mqtt.username");
        Optional<String> password = r.optionalText("mqtt.password");
        if (password.isPresent() && user.isEmpty()) {
            throw new ConfigException("mqtt.username", null, "a user name whenever mqtt.password is set");
        }
        Optional<Path> ca = r.optionalPath("mqtt.tls.caFile", "a readable PEM file of CA certificates");
        if (ca.isPresent()) {
            if (!uri.startsWith("ssl://")) {
                throw new ConfigException("mqtt.tls.caFile", ca.get().toString(), "only with an ssl:// mqtt.uri");
            }
            FileChecks.caFile("mqtt.tls.caFile", ca.get());
        }
        Duration keepAlive = r.duration("mqtt.keepAlive", DEFAULT_KEEPALIVE_S + "s", Duration.ofSeconds(1), Duration.ofSeconds(4),
                "whole seconds from 1s to 4s (a silent network cut must be noticed within 10 s)");
        if (keepAlive.toMillis() % 1000 != 0) {
            throw new ConfigException("mqtt.keepAlive", r.raw("mqtt.keepAlive"), "whole seconds from 1s to 4s");
        }
        GpioProvider provider = r.choice("gpio.provider", GpioProvider.class, null);

        Map<Input, InputPin> inputs = new EnumMap<>(Input.class);
        inputs.put(Input.OCCUPANCY, r.inputPin(Input.OCCUPANCY, 17, PinConfigs.Pull.DOWN, true, "100ms"));
        inputs.put(Input.MOTION, r.inputPin(Input.MOTION, 27, PinConfigs.Pull.DOWN, true, "20ms"));
        inputs.put(Input.PANIC, r.inputPin(Input.PANIC, 22, PinConfigs.Pull.UP, false, "50ms"));
        inputs.put(Input.RESET, r.inputPin(Input.RESET, 23, PinConfigs.Pull.UP, false, "50ms"));
        Map<Output, OutputPin> outputs = new EnumMap<>(Output.class);
        outputs.put(Output.LAMP, r.outputPin(Output.LAMP, 24));
        outputs.put(Output.BUZZER, r.outputPin(Output.BUZZER, 25));
        r.requireDistinctPins(inputs, outputs);
        Duration flash = r.duration("output.lamp.flashPeriod", "500ms", Duration.ofMillis(100), Duration.ofSeconds(5), null);

        Duration warnAfter = r.duration("warnAfter", "120s", Duration.ofSeconds(1), Duration.ofHours(1), null);
        Duration alarmAfter = r.duration("alarmAfter", "180s", Duration.ofSeconds(1), Duration.ofHours(1), null);
        if (alarmAfter.compareTo(warnAfter) <= 0) {
            throw new ConfigException("alarmAfter", r.raw("alarmAfter"),
                    "a duration longer than warnAfter (" + Durations.format(warnAfter) + ")");
        }
        Duration maxOccupancy = r.duration("maxOccupancy", "20m", Duration.ofSeconds(1), Duration.ofHours(24), null);
        Duration vacantMotion = r.duration("fault.motionWhileVacantAfter", "10m", Duration.ofSeconds(1), Duration.ofHours(24), null);
        // Local annunciation must start within 10 s of the gateway going away: its Last Will comes ~6 s after a
        // hang, then the next tick sounds the buzzer; hence at most 1 s.
        Duration tick = r.duration("tickInterval", "250ms", Duration.ofMillis(10), Duration.ofSeconds(1),
                Durations.ALLOWED + ", from 10ms to 1s (the sensing loop must sound the buzzer within 10 s of the gateway going away)");
        Duration heartbeat = heartbeat(r, tick);
        Path queueDir = queueDir(r, site, booth);
        Optional<String> gatewayId = r.optionalText("gateway.id");
        if (gatewayId.isPresent()) r.id("gateway.id");
        r.rejectUnknownKeys();
        return new AgentConfig(site, booth, uri, user, password, ca, keepAlive, provider, inputs, outputs, flash,
                warnAfter, alarmAfter, maxOccupancy, vacantMotion, heartbeat, tick, queueDir, gatewayId);
    }

    /**
     * The heartbeat is sent by the sensing loop, so it cannot be shorter than tickInterval; the gateway
     * declares a booth offline after 3 missed heartbeats, which must stay within 10 s of a hang.
     */
    private static Duration heartbeat(ConfigReader r, Duration tick) throws ConfigException {
        Duration min = tick.compareTo(Duration.ofMillis(100)) > 0 ? tick : Duration.ofMillis(100);
        String allowed = Durations.ALLOWED + ", from " + Durations.format(min) + " (at least tickInterval) to 3s"
                + " (3 missed heartbeats make the booth offline at the gateway, which must happen within 10 s)";
        return r.duration("heartbeatInterval", "3s", min, Duration.ofSeconds(3), allowed);
    }

    private static Path queueDir(ConfigReader r, String site, String booth) throws ConfigException {
        String v = r.optionalText("queue.dir").orElse("boothwatch-agent-data/" + site + "-" + booth);
        Path dir;
        try {
            dir = Path.of(v);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("queue.dir", v, "a folder path");
        }
        FileChecks.queueDir("queue.dir", dir);
        return dir;
    }

    /** The MQTT client id of CONTRACT §3. */
    public String clientId() {
        return "booth-" + site + "-" + booth;
    }

    /** The effective thresholds, as published in the status payload's {@code config}. */
    public Map<String, Object> thresholds() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("warnAfterS", warnAfter.toMillis() / 1000.0);
        m.put("alarmAfterS", alarmAfter.toMillis() / 1000.0);
        m.put("maxOccupancyS", maxOccupancy.toMillis() / 1000.0);
        m.put("heartbeatIntervalS", heartbeatInterval.toMillis() / 1000.0);
        m.put("gpioProvider", gpioProvider.name().toLowerCase());
        return m;
    }
}
