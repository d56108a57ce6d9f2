package org.boothwatch.agent.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.contract.ReconnectWatchdog;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttTransport} on Paho's MqttAsyncClient: file persistence (in-flight QoS 1 messages survive a
 * restart), clean session false, automatic reconnect, and our own retry of the first connect (Paho's
 * automatic reconnect only starts after a first success). A watchdog replaces a client that Paho does not
 * bring back (its connect waits forever for a CONNACK that never comes; silence after a process pause).
 */
public final class PahoTransport implements MqttTransport {
    /**
     * QoS 1 messages handed to the broker and not yet acknowledged, at most; a publish beyond it is refused. A broker
     * acknowledges only once it has queued the message for its subscribers, so this bounds what each booth can make
     * the broker hold in memory: an embedded broker took a flood from 1,000 booths (1,000 in flight each) into the
     * gateway's heap and ran out of it. A refused event waits in the agent's disk queue, drained every tick (about
     * this many a tick, 80 a second: a booth makes a few events a minute; its queue after an outage, hundreds).
     */
    public static final int MAX_INFLIGHT = 20;
    private static final Logger log = LoggerFactory.getLogger(PahoTransport.class);
    /** Shared by all transports in the JVM: it only runs non-blocking connect attempts and watchdog checks. */
    private static final ScheduledExecutorService RETRY = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect-retry");
        t.setDaemon(true);
        return t;
    });
    private static final long MIN_RETRY_MS = 250;
    private static final long MAX_RETRY_MS = 5000;

    /** Connection settings. {@code socketFactory} may be null (plain TCP, or the JVM default for ssl://). */
    public record Options(String uri, String clientId, Optional<String> username, Optional<String> password,
                          Duration keepAlive, Path persistenceDir, SocketFactory socketFactory) {}

    /**
     * When the watchdog steps in (see {@link ReconnectWatchdog}): checked every {@code checkEvery}; Paho is
     * asked to reconnect at once after {@code nudgeAfter}, the client is replaced after {@code replaceAfter}.
     */
    public record Watchdog(Duration checkEvery, Duration nudgeAfter, Duration replaceAfter) {
        /** Paho waits at most 5 s between attempts and 5 s for TCP: 20 s is well past a whole cycle of its own. */
        public static final Watchdog DEFAULT = new Watchdog(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    private final Options options;
    /** What the broker's certificate is checked against, for the log line when TLS trust fails. */
    private final String trustedBy;
    private String lastFailure;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile ConnectionListener listener;
    private volatile boolean closed;
    /** The current client; replaced (never two live at once) by the watchdog. */
    private volatile MqttAsyncClient client;
    private volatile Callback callback;
    private MqttConnectOptions connectOptions;
    private final Watchdog watchdogTimes;
    /** Only used on the RETRY thread. */
    private final ReconnectWatchdog watchdog;
    private ScheduledFuture<?> watchdogTask;
    private final AtomicBoolean replacing = new AtomicBoolean();
    private volatile int replacements;
    private long retryMs = MIN_RETRY_MS;
    private int failures;
    private boolean retryPending;

    private record Subscription(int qos, MessageHandler handler) {}

    public PahoTransport(Options options) {
        this(options, options.socketFactory() != null ? "the configured CA certificates" : "the JVM's default trust store");
    }

    /** @param trustedBy what the broker's certificate is checked against, e.g. {@code mqtt.tls.caFile=/etc/ca.pem} */
    public PahoTransport(Options options, String trustedBy) {
        this(options, trustedBy, Watchdog.DEFAULT);
    }

    public PahoTransport(Options options, String trustedBy, Watchdog watchdog) {
        this.options = options;
        this.trustedBy = trustedBy;
        this.watchdogTimes = watchdog;
        this.watchdog = new ReconnectWatchdog(watchdog.nudgeAfter(), watchdog.replaceAfter());
    }

    /** The transport an agent uses: TLS and credentials from the config, Paho's files under queue.dir/paho. */
    public static PahoTransport forAgent(AgentConfig cfg) {
        SocketFactory sf = cfg.mqttTlsCaFile().map(Tls::socketFactory).orElse(null);
        return new PahoTransport(new Options(cfg.mqttUri(), cfg.clientId(), cfg.mqttUsername(), cfg.mqttPassword(),
                cfg.mqttKeepAlive(), cfg.queueDir().resolve("paho"), sf),
                cfg.mqttTlsCaFile().map(p -> "mqtt.tls.caFile=" + p).orElse("the JVM's default trust store"));
    }

    @Override
    public void setConnectionListener(ConnectionListener listener) {
        this.listener = listener;
    }

    @Override
    public void subscribe(String topicFilter, int qos, MessageHandler handler) {
        subscriptions.put(topicFilter, new Subscription(qos, handler));
        MqttAsyncClient c = client;
        if (c != null && c.isConnected()) applySubscription(c, topicFilter, qos);
    }

    @Override
    public synchronized void connect(Will will) {
        if (client != null) throw new IllegalStateException("connect() called twice");
        try {
            install(false);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create MQTT client " + options.clientId() + ": " + e, e);
        }
        connectOptions = PahoClients.connectOptions(options, will, MAX_RETRY_MS);
        attempt();
        long every = watchdogTimes.checkEvery().toMillis();
        watchdogTask = RETRY.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new client on the same id and persistence directory: it reads the in-flight QoS 1 messages stored there. */
    private void install(boolean replacement) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(options.uri(), options.clientId(),
                new MqttDefaultFilePersistence(options.persistenceDir().toString()));
        Callback cb = new Callback(c, replacement);
        c.setCallback(cb);
        callback = cb;
        client = c;
    }

    private synchronized void attempt() {
        retryPending = false;
        if (closed || client.isConnected()) return;
        try {
            client.connect(connectOptions, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    synchronized (PahoTransport.this) {
                        retryMs = MIN_RETRY_MS;
                        failures = 0;
                        lastFailure = null;
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    if (token.getClient() != client) return; // a replaced client's attempt, cut short on purpose
                    retryLater(e);
                }
            });
        } catch (MqttException e) {
            // An attempt still in progress reports through its own listener.
            if (e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS
                    || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_CONNECTED) return;
            retryLater(e);
        }
    }

    /** Schedules the next attempt; only one is ever pending, so failures cannot multiply the attempts. */
    private synchronized void retryLater(Throwable e) {
        if (closed || retryPending) return;
        retryPending = true;
        failures++;
        String why = ConnectFailures.describe(e, host(), trustedBy);
        // The cause once each time it changes, not on every retry; a reminder now and then.
        if (!why.equals(lastFailure)) {
            log.warn("{}: cannot connect to {}: {} (attempt {}, retrying)", options.clientId(), options.uri(), why, failures);
            lastFailure = why;
        } else if (failures % 60 == 0) {
            log.warn("{}: still cannot connect to {}: {} (attempt {}, retrying)", options.clientId(), options.uri(), why, failures);
        }
        long delay = retryMs;
        retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
        RETRY.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private String host() {
        try {
            String h = java.net.URI.create(options.uri()).getHost();
            return h == null ? options.uri() : h;
        } catch (IllegalArgumentException e) {
            return options.uri();
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && !closed && c.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws TransportException {
        MqttAsyncClient c = client;
        if (c == null || closed) throw new TransportException("not connected", null);
        // Paho counts a message in flight only once its sender thread has taken it, so a burst can pass its own
        // check; its outstanding delivery tokens include the messages still waiting for that thread.
        if (qos > 0 && c.getPendingDeliveryTokens().length >= MAX_INFLIGHT) {
            throw new TransportException("publish to " + topic + " refused: " + MAX_INFLIGHT + " messages in flight", null);
        }
        try {
            c.publish(topic, payload, qos, retained);
        } catch (MqttException | RuntimeException e) {
            throw new TransportException("publish to " + topic + " refused: " + e.getMessage(), e);
        }
    }

    @Override
    public void disconnect() {
        MqttAsyncClient c = markClosed();
        if (c == null) return;
        try {
            if (c.isConnected()) c.disconnect(1000).waitForCompletion(3000);
        } catch (MqttException e) {
            log.warn("{}: disconnect: {}", options.clientId(), e.getMessage());
        }
        closeQuietly(c);
    }

    @Override
    public void kill() {
        MqttAsyncClient c = markClosed();
        if (c == null) return;
        try {
            c.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("{}: forced disconnect: {}", options.clientId(), e.getMessage());
        }
        closeQuietly(c);
    }

    private synchronized MqttAsyncClient markClosed() {
        closed = true;
        if (watchdogTask != null) watchdogTask.cancel(false);
        return client;
    }

    /** How often the watchdog has replaced the client (since connect). */
    public int clientReplacements() {
        return replacements;
    }

    /** Watchdog check, on the RETRY thread: must not block (a replacement runs on its own thread). */
    private void watch() {
        try {
            if (replacing.get()) return;
            Callback cb = callback;
            long now = System.nanoTime();
            ReconnectWatchdog.Action action = watchdog.check(now, cb.own.isConnected(), closed);
            long outageS = watchdog.outage(now).toSeconds();
            switch (action) {
                case NUDGE -> nudge(cb, outageS);
                case REPLACE -> {
                    if (replacing.compareAndSet(false, true)) {
                        Thread t = new Thread(() -> replace(outageS), "mqtt-replace-" + options.clientId());
                        t.setDaemon(true);
                        t.start();
                    }
                }
                case NONE -> { }
            }
        } catch (RuntimeException e) {
            // A failing check must not end the schedule (scheduleWithFixedDelay would stop silently).
            log.error("{}: MQTT watchdog check failed: {}", options.clientId(), e.toString(), e);
        }
    }

    /** Asks Paho to reconnect now (restarts its reconnect cycle). A client that never connected is our own retry's. */
    private void nudge(Callback cb, long outageS) {
        if (!cb.connectedOnce) return;
        log.info("{}: not reconnected to {} after {} s; asking the client to reconnect now", options.clientId(),
                options.uri(), outageS);
        try {
            cb.own.reconnect();
        } catch (MqttException | RuntimeException e) {
            log.info("{}: reconnect not started: {}", options.clientId(), e.getMessage());
        }
    }

    /**
     * Closes the current client for good, then connects a new one with the same id and persistence directory,
     * so QoS 1 messages it had not delivered are sent by the new one. Never two live clients with one id: they
     * would keep taking the session from each other.
     */
    private void replace(long outageS) {
        try {
            MqttAsyncClient old = client;
            log.warn("{}: still disconnected from {} after {} s; replacing the MQTT client (same id and persistence)",
                    options.clientId(), options.uri(), outageS);
            if (!PahoClients.closeForGood(old)) {
                log.warn("{}: the old MQTT client could not be closed (it is connecting again); not replaced this time",
                        options.clientId());
                return;
            }
            synchronized (this) {
                if (closed) return;
                install(true);
                replacements++;
                retryMs = MIN_RETRY_MS;
                // A pending retry will use the new client; starting another here would double the retry chain.
                if (!retryPending) attempt();
            }
        } catch (MqttException | RuntimeException e) {
            log.error("{}: replacing the MQTT client failed: {}", options.clientId(), e.toString());
        } finally {
            replacing.set(false);
        }
    }

    private void closeQuietly(MqttAsyncClient c) {
        try {
            c.close(true);
        } catch (MqttException e) {
            log.debug("{}: close: {}", options.clientId(), e.getMessage());
        }
    }

    private void applySubscription(MqttAsyncClient c, String filter, int qos) {
        try {
            c.subscribe(filter, qos);
        } catch (MqttException e) {
            log.warn("{}: cannot subscribe to {}: {}", options.clientId(), filter, e.getMessage());
        }
    }

    /** One per client: a replacement's first connect is a reconnect for our listener. */
    private final class Callback implements MqttCallbackExtended {
        final MqttAsyncClient own;
        final boolean replacement;
        volatile boolean connectedOnce;

        Callback(MqttAsyncClient own, boolean replacement) {
            this.own = own;
            this.replacement = replacement;
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            connectedOnce = true;
            log.info("{}: connected to {}{}", options.clientId(), serverURI,
                    reconnect ? " (reconnect)" : replacement ? " (new client)" : "");
            subscriptions.forEach((filter, s) -> applySubscription(own, filter, s.qos()));
            ConnectionListener l = listener;
            if (l != null) l.connected(reconnect || replacement);
        }

        @Override
        public void connectionLost(Throwable cause) {
            String why = cause == null ? "unknown" : String.valueOf(cause.getMessage());
            log.warn("{}: connection lost: {}", options.clientId(), why);
            ConnectionListener l = listener;
            if (l != null) l.connectionLost(why);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Matched here rather than per-subscription, so messages queued in the persistent session that
            // arrive before the subscriptions are re-applied still reach their handler.
            subscriptions.forEach((filter, s) -> {
                if (MqttTopic.isMatched(filter, topic)) {
                    try {
                        s.handler().onMessage(topic, message.getPayload());
                    } catch (RuntimeException e) {
                        log.error("{}: handler for {} failed: {}", options.clientId(), topic, e.toString());
                    }
                }
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Paho removes delivered QoS 1 messages from its persistence itself.
        }
    }
}
