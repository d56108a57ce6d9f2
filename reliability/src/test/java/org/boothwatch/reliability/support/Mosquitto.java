package org.boothwatch.reliability.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}) as a child process on a free port, with file
 * persistence, that tests can kill -9, freeze (SIGSTOP), thaw (SIGCONT) and restart on the same port.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final Path conf;
    private final Path log;
    private final int port;
    private Process process;
    private int starts;

    private Mosquitto(Path dir, Path conf, int port) {
        this.dir = dir;
        this.conf = conf;
        this.port = port;
        this.log = dir.resolve("mosquitto.log");
    }

    /** The broker binary; the fault suite needs it (scripts/install-test-deps installs it). */
    public static String binary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        throw new IllegalStateException("mosquitto is not installed: run scripts/install-test-deps (apt-get install mosquitto)");
    }

    /** Plain TCP on 127.0.0.1, anonymous, persistence saved every second (as provisioned sites do). */
    public static Mosquitto plain(Path dir) {
        int port = freePort();
        return start(dir, port, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                autosave_on_changes false
                autosave_interval 1
                max_queued_messages 100000
                """.formatted(port, data(dir)));
    }

    /** Plain TCP, anonymous, no persistence: for tests about message handling, not about crashes (much faster). */
    public static Mosquitto inMemory(Path dir) {
        int port = freePort();
        return start(dir, port, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_queued_messages 100000
                set_tcp_nodelay true
                """.formatted(port));
    }

    /** A provisioned site's own mosquitto.conf (from {@code gateway provision}), unchanged but for running as this user. */
    public static Mosquitto provisioned(Path dir, Path generatedConf, int port) {
        try {
            return start(dir, port, Files.readString(generatedConf));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mosquitto start(Path dir, int port, String config) {
        try {
            Files.createDirectories(dir);
            data(dir);
            // As root Mosquitto would switch to the `mosquitto` user, who cannot read the test's files.
            String text = config + "\nuser " + System.getProperty("user.name") + "\nlog_type all\nlog_dest stderr\n";
            Path conf = dir.resolve("test-mosquitto.conf");
            Files.writeString(conf, text);
            Mosquitto m = new Mosquitto(dir, conf, port);
            m.startProcess();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path data(Path dir) {
        try {
            return Files.createDirectories(dir.resolve("data")).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() throws IOException {
        starts++;
        process = new ProcessBuilder(binary(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Process started = process;
        // A failed or interrupted test run must not leave brokers behind.
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        int expected = starts;
        await("mosquitto start #" + expected + " on port " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) throw new IllegalStateException("mosquitto exited: " + log());
                    return countRunning() >= expected && accepts();
                });
    }

    private long countRunning() {
        return log().lines().filter(l -> l.contains(" running")).count();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the broker has logged so far (all restarts). */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the broker has saved its database after the last log line containing {@code marker}. */
    public void awaitSavedSinceLast(String marker) {
        await("mosquitto saved after '" + marker + "'").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            String l = log();
            return l.lastIndexOf("Saving in-memory database") > l.lastIndexOf(marker) && l.contains(marker);
        });
    }

    /** SIGKILL: no clean shutdown, no final save of the in-memory database. */
    public void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("mosquitto did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void freeze() {
        Signals.stop(process.pid());
    }

    public void thaw() {
        Signals.cont(process.pid());
    }

    /** Starts again on the same port, config and persistence folder. */
    public void restart() {
        if (process.isAlive()) kill9();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            Signals.cont(process.pid());
            process.destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }
}
