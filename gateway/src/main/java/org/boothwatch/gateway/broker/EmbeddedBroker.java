package org.boothwatch.gateway.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process HiveMQ CE broker, so one machine needs nothing else. It keeps retained Last Wills
 * (which Moquette does not). Usage statistics are off; with a persistent data folder, sessions,
 * queued QoS 1 messages and retained messages survive a restart.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /**
     * Per-client queue for offline or slow persistent sessions, as {@code max_queued_messages} of the provisioned
     * Mosquitto. HiveMQ's default (1,000, new messages discarded) could drop events for a gateway that falls behind.
     */
    public static final int MAX_QUEUED_MESSAGES = 100_000;
    /**
     * One running broker per JVM. HiveMQ CE numbers every message's payload from one static counter
     * ({@code PUBLISH.PUBLISH_COUNTER}), and a starting broker with file persistence sets that counter from its own
     * data folder. A second broker started beside a running one therefore hands the first one ids it still holds
     * payloads under, and HiveMQ then delivers that older payload instead of the new one: messages on one booth topic
     * arrived with another message's payload (seen as malformed heartbeats and states when two simulated sites ran in
     * one JVM). So a second start fails loudly instead.
     */
    private static final AtomicReference<EmbeddedBroker> RUNNING = new AtomicReference<>();
    /**
     * Most QoS 1 messages HiveMQ CE sends one client before it acknowledges any. HiveMQ's own 50 is a constant in
     * {@code InternalConfigurations}, not in its config file. The gateway acknowledges a message only after its store
     * commit, so 50 capped every store transaction at 50 messages. At 6,000 events/s, 1,000 booths, the broker's queue
     * for the gateway then grew by seconds while the gateway's processor stood idle between commits. 1,000 is the
     * processor's largest batch (Processor.BATCH). Unacknowledged messages stay in the gateway's session, so a crash
     * loses none; the gateway's store ignores the ones it gets twice.
     */
    static final int INFLIGHT_WINDOW = 1000;
    /**
     * Xodus, HiveMQ CE's file persistence for sessions and queued messages, cleans a whole log file inside one
     * exclusive transaction, and while it cleans the gateway's session queue nothing is delivered to the gateway:
     * with Xodus's 8 MB files that stopped delivery for 120-270 ms at 1,500-2,000 events/s (docs/benchmarks.md).
     * 1 MB files and at most {@link #XODUS_GC_TRANSACTION_MS} per cleaning transaction keep the waits near 20 ms.
     * Xodus works out file addresses from the file size, so a data folder keeps the size it was created with:
     * it is written to {@link #XODUS_MARKER} in the data folder, and a folder from before the marker keeps Xodus's 8 MB.
     */
    static final int XODUS_LOG_FILE_KB = 1024;
    static final int XODUS_OLD_LOG_FILE_KB = 8192;
    static final int XODUS_GC_TRANSACTION_MS = 20;
    static final String XODUS_MARKER = "xodus-log-file-kb";

    private final int port;
    private final Path home;
    private final boolean persistent;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(int port, Path home, boolean persistent) {
        this.port = port;
        this.home = home;
        this.persistent = persistent;
    }

    /**
     * Starts a broker on {@code bindAddress:port} with its folders under {@code home}.
     * @param persistent file persistence in {@code home/data} (true) or in-memory (false)
     */
    public static EmbeddedBroker start(String bindAddress, int port, Path home, boolean persistent) {
        EmbeddedBroker b = new EmbeddedBroker(port, home, persistent);
        b.startInternal(bindAddress);
        return b;
    }

    /** A broker on 127.0.0.1 and a free port, in-memory: for tests. */
    public static EmbeddedBroker startOnFreePort(Path home) {
        return start("127.0.0.1", freePort(), home, false);
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:port} */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    private void startInternal(String bindAddress) {
        EmbeddedBroker other = RUNNING.compareAndExchange(null, this);
        if (other != null) {
            throw new IllegalStateException("an embedded MQTT broker is already running in this JVM (port " + other.port
                    + "); HiveMQ CE shares its message ids between instances, so a second one would mix up payloads");
        }
        boolean started = false;
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path ext = Files.createDirectories(home.resolve("extensions"));
            if (persistent) tuneXodus(data);
            InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = INFLIGHT_WINDOW; // read per delivery, not at start
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>%s</bind-address>
                            </tcp-listener>
                        </listeners>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                        <persistence>
                            <mode>%s</mode>
                        </persistence>
                        <mqtt>
                            <queued-messages>
                                <max-queue-size>%d</max-queue-size>
                            </queued-messages>
                        </mqtt>
                    </hivemq>
                    """.formatted(port, bindAddress, persistent ? "file" : "in-memory", MAX_QUEUED_MESSAGES));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(ext)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            log.info("embedded MQTT broker listening on {}:{} ({} persistence)", bindAddress, port,
                    persistent ? "file" : "in-memory");
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker folders under " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded MQTT broker failed to start on port " + port + ": " + e.getMessage(), e);
        } finally {
            if (!started) stopQuietly();
        }
    }

    /**
     * Sets the Xodus settings HiveMQ leaves at their defaults (Xodus reads them from system properties when HiveMQ
     * opens its stores; one broker per JVM, so the JVM-wide setting is this broker's).
     */
    private static void tuneXodus(Path data) throws IOException {
        System.setProperty("exodus.log.fileSize", Integer.toString(xodusLogFileKb(data)));
        System.setProperty("exodus.gc.transactionTimeout", Integer.toString(XODUS_GC_TRANSACTION_MS));
    }

    /** The log file size (KB) of this data folder's Xodus stores: recorded at its first start, then kept. */
    static int xodusLogFileKb(Path data) throws IOException {
        Path marker = data.resolve(XODUS_MARKER);
        if (Files.exists(marker)) {
            String v = Files.readString(marker).trim();
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(marker + " holds '" + v + "', not a number: it is the size in KB of the"
                        + " Xodus log files the broker data was written with (" + XODUS_LOG_FILE_KB + " for data written"
                        + " since the marker exists, " + XODUS_OLD_LOG_FILE_KB + " for older data)");
            }
        }
        boolean written = Files.exists(data.resolve("persistence")); // by a version before the marker, with 8 MB files
        int kb = written ? XODUS_OLD_LOG_FILE_KB : XODUS_LOG_FILE_KB;
        Files.writeString(marker, kb + "\n");
        return kb;
    }

    /** After a failed start: stop what may have started, so the JVM may try again. */
    private void stopQuietly() {
        try {
            if (hivemq != null) hivemq.close();
        } catch (Exception e) {
            log.debug("closing a broker that failed to start: {}", e.toString());
        } finally {
            hivemq = null;
            RUNNING.compareAndSet(this, null);
        }
    }

    /** Stops the broker; clients see their connection drop. */
    @Override
    public void close() {
        if (hivemq == null) return;
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("embedded broker did not stop cleanly: {}", e.toString());
        } finally {
            hivemq = null;
            RUNNING.compareAndSet(this, null);
        }
    }

    /** Restarts on the same port and folders (retained and persistent state kept when persistent). */
    public void restart(String bindAddress) {
        close();
        startInternal(bindAddress);
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
}
