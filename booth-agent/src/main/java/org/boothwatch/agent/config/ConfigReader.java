package org.boothwatch.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.boothwatch.agent.config.PinConfigs.InputPin;
import org.boothwatch.agent.config.PinConfigs.OutputPin;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.io.Output;
import org.boothwatch.contract.Ids;

/** Reads typed values from properties, remembering which keys were used, naming key/value/allowed on error. */
final class ConfigReader {
    static final int MAX_BCM_PIN = 27;
    private final Properties p;
    private final Set<String> known = new TreeSet<>();

    ConfigReader(Properties p) {
        this.p = p;
    }

    String raw(String key) {
        known.add(key);
        String v = p.getProperty(key);
        return v == null ? null : v.trim();
    }

    Optional<String> optionalText(String key) {
        String v = raw(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    Optional<java.nio.file.Path> optionalPath(String key, String allowed) throws ConfigException {
        Optional<String> v = optionalText(key);
        try {
            return v.map(java.nio.file.Path::of);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(key, v.get(), allowed);
        }
    }

    String id(String key) throws ConfigException {
        String v = raw(key);
        if (!Ids.isValid(v)) throw new ConfigException(key, v, Ids.ALLOWED);
        return v;
    }

    String mqttUri(String key) throws ConfigException {
        String v = raw(key);
        String allowed = "tcp://host:port or ssl://host:port (port 1-65535)";
        if (v == null || v.isEmpty()) throw new ConfigException(key, v, allowed);
        try {
            URI u = new URI(v);
            if (!("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) || u.getHost() == null || u.getPort() <= 0 || u.getPort() > 65535
                    || (u.getPath() != null && !u.getPath().isEmpty())) {
                throw new ConfigException(key, v, allowed);
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(key, v, allowed);
        }
        return v;
    }

    Duration duration(String key, String dflt, Duration min, Duration max, String allowedText) throws ConfigException {
        String v = raw(key);
        String text = v == null || v.isEmpty() ? dflt : v;
        String allowed = allowedText != null ? allowedText
                : Durations.ALLOWED + ", from " + Durations.format(min) + " to " + Durations.format(max);
        if (text == null) throw new ConfigException(key, v, allowed);
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, v, allowed);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) throw new ConfigException(key, text, allowed);
        return d;
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E dflt) throws ConfigException {
        String v = raw(key);
        String allowed = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" | "));
        if (v == null || v.isEmpty()) {
            if (dflt != null) return dflt;
            throw new ConfigException(key, v, allowed + " (required, no default)");
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) return e;
        }
        throw new ConfigException(key, v, allowed);
    }

    int pin(String key, int dflt) throws ConfigException {
        String v = raw(key);
        if (v == null || v.isEmpty()) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n >= 0 && n <= MAX_BCM_PIN) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(key, v, "a BCM GPIO number from 0 to " + MAX_BCM_PIN);
    }

    boolean activeHigh(String key, boolean dflt) throws ConfigException {
        String v = raw(key);
        if (v == null || v.isEmpty()) return dflt;
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "high" -> true;
            case "low" -> false;
            default -> throw new ConfigException(key, v, "high | low");
        };
    }

    InputPin inputPin(Input in, int pin, PinConfigs.Pull pull, boolean activeHigh, String debounce) throws ConfigException {
        String k = "input." + in.key() + ".";
        return new InputPin(pin(k + "pin", pin), choice(k + "pull", PinConfigs.Pull.class, pull),
                activeHigh(k + "activeLevel", activeHigh),
                duration(k + "debounce", debounce, Duration.ZERO, Duration.ofSeconds(1), null));
    }

    OutputPin outputPin(Output out, int pin) throws ConfigException {
        String k = "output." + out.key() + ".";
        return new OutputPin(pin(k + "pin", pin), activeHigh(k + "activeLevel", true));
    }

    void requireDistinctPins(Map<Input, InputPin> inputs, Map<Output, OutputPin> outputs) throws ConfigException {
        Map<Integer, String> used = new HashMap<>();
        for (var e : inputs.entrySet()) {
            claim(used, e.getValue().pin(), "input." + e.getKey().key() + ".pin");
        }
        for (var e : outputs.entrySet()) {
            claim(used, e.getValue().pin(), "output." + e.getKey().key() + ".pin");
        }
    }

    private static void claim(Map<Integer, String> used, int pin, String key) throws ConfigException {
        String other = used.putIfAbsent(pin, key);
        if (other != null) {
            throw new ConfigException(key, Integer.toString(pin), "a pin not already used by " + other);
        }
    }

    void rejectUnknownKeys() throws ConfigException {
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new ConfigException(key, p.getProperty(key), "no such key; known keys are " + String.join(", ", known));
            }
        }
    }
}
