package org.boothwatch.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.reliability.support.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every key of the agent's and the gateway's config, given an invalid value, makes the real program (its
 * runnable jar, in a child JVM) exit 2 with a message naming the key — never a stack trace, never a start.
 */
class ConfigFuzzIT {
    @TempDir Path tmp;

    /** One bad config: the key to change, its invalid value, and the key the message must name. */
    record Case(String key, String value, String named, Map<String, String> extra) {
        Case(String key, String value) {
            this(key, value, key, Map.of());
        }

        Case(String key, String value, String named) {
            this(key, value, named, Map.of());
        }

        /** The key matters only in some mode, e.g. broker.* only with the embedded broker (mqtt.uri empty). */
        Case with(String k, String v) {
            Map<String, String> m = new LinkedHashMap<>(extra);
            m.put(k, v);
            return new Case(key, value, named, m);
        }
    }

    @Test
    void everyAgentKeyRejectedWithExit2NamingIt() throws Exception {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("site", "s1");
        base.put("booth", "b01");
        base.put("mqtt.uri", "tcp://127.0.0.1:1");
        base.put("gpio.provider", "mock");
        base.put("queue.dir", tmp.resolve("agent-queue").toString());
        Path notPem = Files.writeString(tmp.resolve("not-a-cert.pem"), "this is not a certificate\n");
        List<Case> cases = new ArrayList<>(List.of(
                new Case("site", "Bad Site"), new Case("site", ""), new Case("booth", "../b01"), new Case("booth", "b".repeat(40)),
                new Case("mqtt.uri", "http://broker:1883"), new Case("mqtt.uri", "tcp://broker"), new Case("mqtt.uri", ""),
                new Case("mqtt.password", "secret", "mqtt.username"),
                new Case("mqtt.tls.caFile", "/nonexistent/ca.crt"),
                new Case("mqtt.keepAlive", "60s"), new Case("mqtt.keepAlive", "1500ms"), new Case("mqtt.keepAlive", "soon"),
                new Case("gpio.provider", "pigpio"), new Case("gpio.provider", ""),
                new Case("output.lamp.flashPeriod", "0ms"), new Case("output.lamp.activeLevel", "bright"),
                new Case("output.lamp.pin", "40"), new Case("output.buzzer.pin", "x"), new Case("output.buzzer.activeLevel", "1"),
                new Case("warnAfter", "0s"), new Case("warnAfter", "2 minutes"), new Case("alarmAfter", "60s"),
                new Case("maxOccupancy", "25h"), new Case("fault.motionWhileVacantAfter", "-1s"),
                new Case("heartbeatInterval", "2m"), new Case("tickInterval", "5s"), new Case("gateway.id", "GW 1"),
                new Case("queue.dir", notPem.resolve("sub").toString()),
                new Case("no.such.key", "1")));
        for (String in : List.of("occupancy", "motion", "panic", "reset")) {
            cases.add(new Case("input." + in + ".pin", "99"));
            cases.add(new Case("input." + in + ".pull", "sideways"));
            cases.add(new Case("input." + in + ".activeLevel", "medium"));
            cases.add(new Case("input." + in + ".debounce", "5s"));
        }
        cases.add(new Case("input.motion.pin", "17"));
        Map<String, String> ssl = new LinkedHashMap<>(base);
        ssl.put("mqtt.uri", "ssl://127.0.0.1:1");
        List<String> failures = run("agent.jar", base, cases, "--config");
        failures.addAll(run("agent.jar", ssl, List.of(new Case("mqtt.tls.caFile", notPem.toString())), "--config"));
        assertCovered(AgentKeys.ALL, cases);
        assertTrue(failures.isEmpty(), failures.size() + " agent config case(s) failed:\n" + String.join("\n", failures));
    }

    @Test
    void everyGatewayKeyRejectedWithExit2NamingIt() throws Exception {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("site", "s1");
        base.put("mqtt.uri", "tcp://127.0.0.1:1");
        base.put("http.bind", "127.0.0.1");
        base.put("http.port", "0");
        base.put("data.dir", tmp.resolve("gw-data").toString());
        Path notPem = Files.writeString(tmp.resolve("not-a-cert.pem"), "this is not a certificate\n");
        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        List<Case> cases = List.of(
                new Case("site", "Bad Site"), new Case("site", "-x"), new Case("gateway.id", "gw_1"),
                new Case("mqtt.uri", "mqtt://broker:1883"), new Case("mqtt.uri", "tcp://broker"),
                new Case("mqtt.tls.caFile", "/nonexistent/ca.crt").with("mqtt.uri", "ssl://127.0.0.1:1"),
                new Case("mqtt.tls.caFile", notPem.toString()).with("mqtt.uri", "ssl://127.0.0.1:1"),
                new Case("broker.bind", "999.1.1.1").with("mqtt.uri", "").with("broker.port", "1"),
                new Case("broker.port", "0").with("mqtt.uri", ""), new Case("broker.port", "70000").with("mqtt.uri", ""),
                new Case("broker.persistence", "disk").with("mqtt.uri", ""),
                new Case("mqtt.keepAlive", "10s"), new Case("mqtt.keepAlive", "1500ms"),
                new Case("http.bind", "not an address"), new Case("http.port", "99999"), new Case("http.port", "eighty"),
                new Case("data.dir", aFile.resolve("sub").toString()),
                new Case("store.jdbcUrl", "jdbc:mysql://db/x"), new Case("store.jdbcUrl", "postgres://db/x"),
                new Case("escalateAfter", "0s"), new Case("escalateAfter", "soon"), new Case("heartbeatInterval", "50ms"),
                new Case("escalation.webhooks", "ftp://hooks.example/x"), new Case("escalation.webhooks", "not a url"),
                new Case("no.such.key", "1"));
        List<String> failures = run("gateway.jar", base, cases, "--config");
        assertCovered(GatewayKeys.ALL, cases);
        assertTrue(failures.isEmpty(), failures.size() + " gateway config case(s) failed:\n" + String.join("\n", failures));
    }

    /** Keys whose every value is valid (names, secrets): nothing to fuzz. */
    private static final List<String> FREE_TEXT = List.of("mqtt.username", "mqtt.password", "store.username", "store.password", "staff.token");

    private static void assertCovered(List<String> keys, List<Case> cases) {
        for (String k : keys) {
            if (FREE_TEXT.contains(k)) continue;
            assertTrue(cases.stream().anyMatch(c -> c.key().equals(k)), "no invalid-value case for key " + k);
        }
    }

    private List<String> run(String jarProp, Map<String, String> base, List<Case> cases, String configOption) throws Exception {
        Path jar = ChildJvm.jar(jarProp);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> results = new ArrayList<>();
            int i = 0;
            for (Case c : cases) {
                int n = i++;
                results.add(pool.submit(() -> runOne(jar, base, c, configOption, jarProp + "-" + n)));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> f : results) {
                String r = f.get();
                if (r != null) failures.add(r);
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    private String runOne(Path jar, Map<String, String> base, Case c, String configOption, String name) throws IOException {
        Map<String, String> props = new LinkedHashMap<>(base);
        props.putAll(c.extra());
        props.put(c.key(), c.value());
        StringBuilder text = new StringBuilder();
        props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = Files.writeString(tmp.resolve(name + ".properties"), text);
        try (ChildJvm jvm = ChildJvm.start(jar, tmp.resolve(name + ".out"), List.of(), configOption, file.toString())) {
            int rc = jvm.waitFor(20);
            String out = jvm.output().strip();
            String what = c.key() + "='" + c.value() + "'";
            if (rc == -1) return what + ": did not exit within 20 s (accepted and started?): " + out;
            if (rc != 2) return what + ": exit " + rc + " (expected 2): " + out;
            if (!out.contains(c.named())) return what + ": message does not name " + c.named() + ": " + out;
            if (out.contains("Exception") || out.contains("\tat ")) return what + ": stack trace or exception name in output: " + out;
            if (out.lines().count() > 3) return what + ": more than 3 lines of output: " + out;
            return null;
        }
    }

    /** The keys as the programs themselves list them, so a new key without a fuzz case fails this test. */
    static final class GatewayKeys {
        static final List<String> ALL = List.copyOf(GatewayConfig.KEYS);
    }

    static final class AgentKeys {
        static final List<String> ALL = List.of("site", "booth", "mqtt.uri", "mqtt.username", "mqtt.password", "mqtt.tls.caFile",
                "mqtt.keepAlive", "gpio.provider", "output.lamp.flashPeriod", "warnAfter", "alarmAfter", "maxOccupancy",
                "fault.motionWhileVacantAfter", "heartbeatInterval", "tickInterval", "queue.dir", "gateway.id",
                "input.occupancy.pin", "input.occupancy.pull", "input.occupancy.activeLevel", "input.occupancy.debounce",
                "input.motion.pin", "input.motion.pull", "input.motion.activeLevel", "input.motion.debounce",
                "input.panic.pin", "input.panic.pull", "input.panic.activeLevel", "input.panic.debounce",
                "input.reset.pin", "input.reset.pull", "input.reset.activeLevel", "input.reset.debounce",
                "output.lamp.pin", "output.lamp.activeLevel", "output.buzzer.pin", "output.buzzer.activeLevel");
    }

    @Test
    void agentKeyListMatchesTheExampleConfig() throws IOException {
        Path example = Path.of(System.getProperty("agent.example"));
        List<String> keys = Files.readAllLines(example).stream().map(String::strip).map(l -> l.startsWith("#") ? l.substring(1).strip() : l)
                .filter(l -> l.matches("[a-zA-Z][a-zA-Z0-9.]*=.*")).map(l -> l.substring(0, l.indexOf('='))).distinct().toList();
        for (String k : keys) assertTrue(AgentKeys.ALL.contains(k), "booth.example.properties has key " + k + " with no fuzz case");
        assertEquals(0, AgentKeys.ALL.stream().filter(k -> !keys.contains(k)).count(),
                "keys not in booth.example.properties: " + AgentKeys.ALL.stream().filter(k -> !keys.contains(k)).toList());
    }
}
