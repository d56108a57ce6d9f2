package org.boothwatch.reliability.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real gateway, {@code java -jar gateway.jar --config …}, as a child process the tests can kill -9,
 * freeze (SIGSTOP) and restart on the same data folder and HTTP port.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Path dir;
    private final Path config;
    private final int httpPort;
    private ChildJvm jvm;
    private int starts;

    /** {@code settings}: gateway.properties entries (mqtt.uri, site, …); http and data.dir are added. */
    public GatewayProcess(Path dir, Map<String, String> settings) {
        this.dir = dir;
        this.httpPort = Mosquitto.freePort();
        Map<String, String> s = new LinkedHashMap<>(settings);
        s.putIfAbsent("http.bind", "127.0.0.1");
        s.put("http.port", Integer.toString(httpPort));
        s.putIfAbsent("data.dir", dir.resolve("data").toString());
        StringBuilder text = new StringBuilder();
        s.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        try {
            Files.createDirectories(dir);
            config = Files.writeString(dir.resolve("gateway.properties"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts without waiting for health. */
    public GatewayProcess launch() {
        starts++;
        jvm = ChildJvm.start(ChildJvm.jar("gateway.jar"), dir.resolve("gateway-" + starts + ".log"), List.of(),
                "--config", config.toString());
        return this;
    }

    public boolean alive() {
        return jvm != null && jvm.alive();
    }

    /** Starts and waits until /healthz is 200 (broker connected, store open). */
    public GatewayProcess start() {
        launch();
        Http http = http();
        await("gateway start #" + starts).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!jvm.alive()) throw new IllegalStateException("gateway exited: " + jvm.output());
            return http.healthy();
        });
        return this;
    }

    public Http http() {
        return new Http(httpPort);
    }

    public long pid() {
        return jvm.pid();
    }

    public void kill9() {
        jvm.kill9();
    }

    public void freeze() {
        jvm.freeze();
    }

    public void thaw() {
        jvm.thaw();
    }

    public String log() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            try {
                Path p = dir.resolve("gateway-" + i + ".log");
                if (Files.exists(p)) b.append(Files.readString(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (jvm != null) jvm.close();
    }
}
