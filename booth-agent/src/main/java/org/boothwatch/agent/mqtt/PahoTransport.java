package org.boothwatch.agent.mqtt;

import org.boothwatch.contract.NoDelaySockets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.boothwatch.agent.config.AgentConfig;
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
 * automatic reconnect only starts after a first success).
 */
public final class PahoTransport implements MqttTransport {
    private static final Logger log = LoggerFactory.getLogger(PahoTransport.class);
    /** Shared by all transports in the JVM: it only schedules non-blocking connect attempts. */
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

    private final Options options;
    /** What the broker's certificate is checked against, for the log line when TLS trust fails. */
    private final String trustedBy;
    private String lastFailure;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile ConnectionListener listener;
    private volatile boolean closed;
    private MqttAsyncClient client;
    private MqttConnectOptions connectOptions;
    private long retryMs = MIN_RETRY_MS;
    private int failures;
    private boolean retryPending;

    private record Subscription(int qos, MessageHandler handler) {}

    public PahoTransport(Options options) {
        this(options, options.socketFactory() != null ? "the configured CA certificates" : "the JVM's default trust store");
    }

    /** @param trustedBy what the broker's certificate is checked against, e.g. {@code mqtt.tls.caFile=/etc/ca.pem} */
    public PahoTransport(Options options, String trustedBy) {
        this.options = options;
        this.trustedBy = trustedBy;
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
            client = new MqttAsyncClient(options.uri(), options.clientId(),
                    new MqttDefaultFilePersistence(options.persistenceDir().toString()));
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create MQTT client " + options.clientId() + ": " + e, e);
        }
        connectOptions = new MqttConnectOptions();
        connectOptions.setCleanSession(false);
        connectOptions.setAutomaticReconnect(true);
        connectOptions.setMaxReconnectDelay((int) MAX_RETRY_MS);
        connectOptions.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        connectOptions.setConnectionTimeout(5);
        connectOptions.setMaxInflight(1000);
        connectOptions.setHttpsHostnameVerificationEnabled(true);
        connectOptions.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        options.username().ifPresent(connectOptions::setUserName);
        options.password().ifPresent(p -> connectOptions.setPassword(p.toCharArray()));
        SocketFactory sf = NoDelaySockets.forUri(options.uri(), options.socketFactory());
        if (sf != null) connectOptions.setSocketFactory(sf);
        client.setCallback(new Callback());
        attempt();
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
        return client;
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

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("{}: connected to {}{}", options.clientId(), serverURI, reconnect ? " (reconnect)" : "");
            MqttAsyncClient c = client;
            subscriptions.forEach((filter, s) -> applySubscription(c, filter, s.qos()));
            ConnectionListener l = listener;
            if (l != null) l.connected(reconnect);
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
