package org.boothwatch.gateway.mqtt;

import org.boothwatch.contract.MqttSockets;
import org.boothwatch.contract.ReconnectWatchdog;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.boothwatch.gateway.config.GatewayConfig;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's only Paho adapter: a persistent session with a retained birth and Last Will, manual acks
 * (a message is acknowledged only when the gateway says it is stored), and reconnection. The Paho callback
 * thread only hands messages over; it never waits on the store.
 */
public final class MqttLink {
    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    /** What the gateway does with the connection's traffic. Called on Paho's thread: must not block. */
    public interface Listener {
        /** Call {@code ack} once the message is durably handled. */
        void message(String topic, MqttMessage msg, Runnable ack);

        /** Connected (again): subscriptions are in place. */
        void connected(boolean reconnect);

        void lost(Throwable cause);
    }

    /** A topic filter and its QoS. */
    public record Subscription(String filter, int qos) {}

    private final GatewayConfig cfg;
    private final String uri;
    private final String clientId;
    private final String statusTopic;
    private final byte[] birth;
    private final java.util.List<Subscription> subscriptions;
    private final Listener listener;
    private final ExecutorService admin = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mqtt-admin");
        t.setDaemon(true);
        return t;
    });
    private volatile MqttAsyncClient client;
    private volatile boolean closing;
    private final Object statusLock = new Object();
    /**
     * Paho's automatic reconnect has been seen to stay silent after a long process pause (SIGSTOP, a VM
     * freeze): connection lost, then no attempt at all. A gateway that never comes back is a display that
     * looks calm while blind, so a watchdog forces a reconnect when Paho has not managed one in time.
     */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Replaces a client that stays disconnected for 8 s; polled every 2 s, only by the watchdog thread. */
    private final ReconnectWatchdog watchdogPolicy = new ReconnectWatchdog(null, Duration.ofSeconds(8));

    public MqttLink(GatewayConfig cfg, String uri, String clientId, String statusTopic, byte[] birth, byte[] will,
                    java.util.List<Subscription> subscriptions, Listener listener) throws MqttException {
        this.cfg = cfg;
        this.uri = uri;
        this.clientId = clientId;
        this.statusTopic = statusTopic;
        this.birth = birth;
        this.subscriptions = subscriptions;
        this.listener = listener;
        this.client = newClient();
        this.options = options(will);
    }

    private final MqttConnectOptions options;

    private MqttConnectOptions options(byte[] will) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(5000);
        // The broker publishes our Last Will 1.5 x keepalive after we hang; booths sound locally on it (10 s promise).
        o.setKeepAliveInterval((int) cfg.mqttKeepAlive().toSeconds());
        o.setConnectionTimeout(10);
        o.setMaxInflight(1000);
        o.setWill(statusTopic, will, 1, true);
        if (cfg.mqttUsername() != null) o.setUserName(cfg.mqttUsername());
        if (cfg.mqttPassword() != null) o.setPassword(cfg.mqttPassword().toCharArray());
        javax.net.SocketFactory tls = uri.startsWith("ssl://") && cfg.mqttTlsCaFile() != null ? Tls.trusting(cfg.mqttTlsCaFile()) : null;
        javax.net.SocketFactory sf = MqttSockets.forUri(uri, tls); // TCP_NODELAY: no 40 ms Nagle/delayed-ACK stalls
        if (sf != null) o.setSocketFactory(sf);
        return o;
    }

    /** Connects in the background, retrying until it works or the link is closed. */
    public void start() {
        admin.execute(this::connectLoop);
        startWatchdog();
    }

    private void startWatchdog() {
        if (watchdogStarted) return;
        watchdogStarted = true;
        watchdog.scheduleWithFixedDelay(this::ensureConnected, 2, 2, TimeUnit.SECONDS);
    }

    private volatile boolean watchdogStarted;

    private void ensureConnected() {
        try {
            ReconnectWatchdog.Action action = watchdogPolicy.check(System.nanoTime(), client.isConnected(), closing);
            if (action == ReconnectWatchdog.Action.REPLACE) replaceClient();
        } catch (RuntimeException e) {
            // a failing check must not end the schedule (scheduleWithFixedDelay would stop silently)
            log.error("MQTT watchdog check failed: {}", e.toString(), e);
        }
    }

    /**
     * Paho's own reconnect() has been seen to return and do nothing here, so replace the client: the broker
     * keeps our persistent session, and unacknowledged messages are redelivered (deduplicated). The old
     * client is closed for good first: two live clients with one id would keep taking the session from each other.
     */
    private void replaceClient() {
        log.warn("MQTT still disconnected from {}; replacing the client and reconnecting", uri);
        MqttAsyncClient old = client;
        if (!closeForGood(old)) {
            log.warn("MQTT: the old client to {} could not be closed (it is connecting again); not replaced this time", uri);
            return;
        }
        try {
            MqttAsyncClient fresh = newClient();
            synchronized (statusLock) {
                if (closing) {
                    fresh.close(true);
                    return;
                }
                client = fresh;
            }
            fresh.connect(options);
        } catch (MqttException | RuntimeException e) {
            log.warn("MQTT connect to {} failed: {}", uri, e.getMessage());
        }
    }

    /**
     * Closes the client so that it can never connect again, dropping its connection without DISCONNECT. A
     * disconnected client is closed at once, so a reconnect timer of its own that fires later finds it closed.
     * close() refuses a client that is connected or connecting: that one is cut first, then closed; retried a
     * few times, as Paho's reconnect timer may start an attempt in between.
     */
    private static boolean closeForGood(MqttAsyncClient c) {
        for (int i = 0; i < 5; i++) {
            try {
                c.close(true); // closed, or (while a shutdown still runs) marked to close: connect is refused either way
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_CLOSED) return true;
            } catch (RuntimeException e) {
                log.debug("{}: close: {}", c.getClientId(), e.toString());
            }
            try {
                c.disconnectForcibly(0, 500, false);
            } catch (MqttException | RuntimeException e) {
                log.debug("{}: forced disconnect: {}", c.getClientId(), e.toString());
            }
        }
        return false;
    }

    /** Connects now (waiting up to {@code seconds}); on failure keeps trying in the background. */
    public boolean startAndWait(long seconds) {
        startWatchdog();
        try {
            client.connect(options).waitForCompletion(TimeUnit.SECONDS.toMillis(seconds));
            return true;
        } catch (MqttException e) {
            log.warn("MQTT connect to {} failed ({}); retrying in the background", uri, e.getMessage());
            start();
            return false;
        }
    }

    private void connectLoop() {
        long delay = 1000;
        while (!closing && !client.isConnected()) {
            try {
                client.connect(options).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                log.warn("MQTT connect to {} failed: {}; retry in {} ms", uri, e.getMessage(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    return;
                }
                delay = Math.min(delay * 2, 5000);
            }
        }
    }

    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        c.setManualAcks(true);
        c.setCallback(new Callback());
        return c;
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Hands a message to Paho; false when not connected or Paho refused it. Never blocks for the broker. */
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            IMqttDeliveryToken t = client.publish(topic, payload, qos, retained);
            return t != null;
        } catch (MqttException e) {
            log.warn("publish to {} failed: {}", topic, e.getMessage());
            return false;
        }
    }

    /**
     * Republishes the retained online status, proof that the gateway is alive (agents treat a gateway that stops
     * refreshing as offline). QoS 0: a lost refresh is covered by the next, and none pile up in the sessions of
     * offline booths. Never after a clean close began, so it cannot overwrite the offline status.
     */
    public void refreshStatus(byte[] online) {
        synchronized (statusLock) {
            if (closing || !client.isConnected()) return;
            try {
                client.publish(statusTopic, online, 0, true);
            } catch (MqttException e) {
                log.debug("status refresh not sent: {}", e.getMessage());
            }
        }
    }

    /** Clean stop: the given offline status is published retained, then DISCONNECT (no Last Will). */
    public void close(byte[] offline) {
        synchronized (statusLock) {
            closing = true;
        }
        try {
            if (client.isConnected()) {
                client.publish(statusTopic, offline, 1, true).waitForCompletion(3000);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            log.warn("MQTT clean disconnect failed: {}", e.getMessage());
        } finally {
            shutdown();
        }
    }

    /** Abrupt stop: the connection drops without DISCONNECT, so the broker publishes the Last Will. */
    public void kill() {
        closing = true;
        try {
            client.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.warn("MQTT forced disconnect: {}", e.getMessage());
        } finally {
            shutdown();
        }
    }

    private void shutdown() {
        watchdog.shutdownNow();
        admin.shutdownNow();
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("closing the MQTT client: {}", e.getMessage());
        }
    }

    /** Acknowledges a delivered message (manual acks). Safe after close. */
    public void ack(MqttMessage m) {
        if (closing) return; // not acked: the broker redelivers it to the next session
        try {
            client.messageArrivedComplete(m.getId(), m.getQos());
        } catch (MqttException | RuntimeException e) {
            log.debug("ack of message {} failed: {}", m.getId(), e.toString());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            admin.execute(() -> {
                try {
                    for (Subscription s : subscriptions) client.subscribe(s.filter(), s.qos()).waitForCompletion(10_000);
                    client.publish(statusTopic, birth, 1, true);
                    log.info("MQTT {} to {} as {}", reconnect ? "reconnected" : "connected", serverURI, clientId);
                    listener.connected(reconnect);
                } catch (MqttException e) {
                    log.error("subscribing after connect failed: {}", e.getMessage());
                }
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (closing) return;
            log.warn("MQTT connection lost: {}", cause == null ? "?" : cause.toString());
            listener.lost(cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.message(topic, message, () -> ack(message));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // commands are logged in the store when handed over; nothing to do here
        }
    }
}
