package org.boothwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.boothwatch.gateway.broker.EmbeddedBroker;

/**
 * The real gateway (gateway/target/gateway.jar) as a child process with the systemd unit's JVM flags, as a site
 * runs it: with its embedded broker in its own JVM, or against an external broker ({@code mqtt.uri}).
 */
final class GatewayProcess implements AutoCloseable {
    static final List<String> FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:+ExitOnOutOfMemoryError");

    final ChildJvm jvm;
    final Api api;
    final int httpPort;
    /** Where booths connect: the embedded broker inside the gateway, or the external one. */
    final String mqttUri;

    private GatewayProcess(ChildJvm jvm, int httpPort, String mqttUri) {
        this.jvm = jvm;
        this.api = new Api(httpPort);
        this.httpPort = httpPort;
        this.mqttUri = mqttUri;
    }

    /**
     * @param externalMqttUri null for the embedded broker (file persistence unless {@code bench.tpPersistence} says
     *                        otherwise)
     */
    static GatewayProcess start(Path root, Path dir, String site, String externalMqttUri) throws Exception {
        Files.createDirectories(dir);
        int httpPort = EmbeddedBroker.freePort();
        int mqttPort = EmbeddedBroker.freePort();
        String mqttUri = externalMqttUri != null ? externalMqttUri : "tcp://127.0.0.1:" + mqttPort;
        Path props = dir.resolve("gateway.properties");
        Files.writeString(props, String.join("\n", "site=" + site,
                externalMqttUri != null ? "mqtt.uri=" + externalMqttUri : "broker.bind=127.0.0.1",
                "broker.port=" + mqttPort,
                "broker.persistence=" + System.getProperty("bench.tpPersistence", "file"),
                "http.bind=127.0.0.1", "http.port=" + httpPort, "data.dir=" + dir.resolve("data").toAbsolutePath(), ""));
        Path jar = Jars.copy(root, "gateway", "gateway.jar", dir);
        List<String> flags = new ArrayList<>(FLAGS);
        // bench/run splits BENCH_JAVA_OPTS at spaces, so -Dbench.gatewayFlags carries one flag; the variable, several.
        String extra = System.getProperty("bench.gatewayFlags", "") + " " + System.getenv().getOrDefault("BENCH_GATEWAY_FLAGS", "");
        if (!extra.isBlank()) flags.addAll(List.of(extra.trim().split("\\s+")));
        ChildJvm jvm = ChildJvm.start(flags, List.of("-jar", jar.toString(), "--config", props.toString()), dir.resolve("gateway.log"));
        GatewayProcess gw = new GatewayProcess(jvm, httpPort, mqttUri);
        try {
            gw.awaitHealthy();
        } catch (Exception e) {
            gw.close();
            throw e;
        }
        return gw;
    }

    private void awaitHealthy() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            if (!jvm.alive()) throw new IllegalStateException("the gateway exited; see its log");
            try {
                api.get("/healthz");
                return;
            } catch (Exception notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("gateway not healthy within 90 s");
    }

    /** The gateway's embedded broker as the broker under test (it lives and dies with the gateway). */
    Broker embeddedBroker() {
        return new Broker() {
            public String name() { return "embedded"; }
            public String uri() { return mqttUri; }
            public void close() { }
        };
    }

    /** MQTT messages the gateway received from booths, all kinds. */
    long received() throws IOException, InterruptedException {
        return (long) Api.sumPrefix(api.metrics(), "boothwatch_events_received_total");
    }

    /** Payloads the gateway rejected, all kinds and reasons. */
    long rejected() throws IOException, InterruptedException {
        return (long) Api.sumPrefix(api.metrics(), "boothwatch_payloads_rejected_total");
    }

    @Override
    public void close() {
        jvm.close();
    }
}
