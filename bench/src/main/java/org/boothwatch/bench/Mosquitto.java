package org.boothwatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.boothwatch.gateway.broker.EmbeddedBroker;

/** Debian's mosquitto as a child process on a free loopback port, with on-disk persistence like production. */
final class Mosquitto implements Broker {
    static final String BINARY = "/usr/sbin/mosquitto";

    private final Process process;
    private final int port;

    long pid() {
        return process.pid();
    }

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Experiments: more config lines, separated by ';' (`=` for the space: {@code -Dbench.mosquittoConf=max_inflight_messages=100}). */
    static final String EXTRA = System.getProperty("bench.mosquittoConf", "");

    static Mosquitto start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) throw new IOException(BINARY + " not found (apt-get install mosquitto)");
        Files.createDirectories(dir);
        int port = EmbeddedBroker.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "autosave_on_changes false", // saved every second, as `gateway provision` writes it
                "autosave_interval 1",
                "max_queued_messages 100000",
                FloorBench.NODELAY ? "set_tcp_nodelay true" : "",
                EXTRA.replace(';', '\n').replace('=', ' '),
                // Started as root, Mosquitto would switch to the `mosquitto` user, who cannot write this directory:
                // every autosave would fail (an error line each) and the broker would be measured without its saves.
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.toAbsolutePath().resolve("mosquitto.log"),
                "log_type error", "log_type warning", ""));
        Process p = new ProcessBuilder(BINARY, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IOException("mosquitto exited with " + p.exitValue() + ", see " + dir);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Mosquitto(p, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
