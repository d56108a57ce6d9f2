package org.boothwatch.agent.selftest;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.mqtt.Tls;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.PayloadException;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.Topics;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link BrokerCheck} with a plain Paho client: the agent's URI, credentials, TLS trust and keep-alive, but
 * client id {@code booth-{site}-{booth}-selftest}, a clean session, no Last Will and nothing written to disk.
 */
public final class PahoBrokerCheck implements BrokerCheck {
    private final AgentConfig cfg;
    private final String clientId;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final Map<String, GatewaySeen> seen = new ConcurrentHashMap<>();
    private final CountDownLatch online = new CountDownLatch(1);
    private MqttClient client;

    /**
     * @param connectTimeout how long to wait for the broker's answer
     * @throws IllegalArgumentException when the configured CA file cannot be used (a config error)
     */
    public PahoBrokerCheck(AgentConfig cfg, Duration connectTimeout) {
        this.cfg = cfg;
        this.clientId = selftestClientId(cfg);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, connectTimeout.toSeconds()));
        options.setKeepAliveInterval((int) cfg.mqttKeepAlive().toSeconds());
        options.setHttpsHostnameVerificationEnabled(true);
        cfg.mqttUsername().ifPresent(options::setUserName);
        cfg.mqttPassword().ifPresent(p -> options.setPassword(p.toCharArray()));
        cfg.mqttTlsCaFile().ifPresent(ca -> options.setSocketFactory(Tls.socketFactory(ca)));
    }

    /** {@code booth-{site}-{booth}-selftest}: never the agent's own id, so its persistent session is untouched. */
    public static String selftestClientId(AgentConfig cfg) {
        return cfg.clientId() + "-selftest";
    }

    @Override
    public String describe() {
        String tls = !cfg.mqttUri().startsWith("ssl://") ? "no TLS"
                : "TLS trusting " + cfg.mqttTlsCaFile().map(Path::toString).orElse("the JVM's default CAs")
                        + ", hostname checked";
        return cfg.mqttUri() + " as client " + clientId + ", "
                + cfg.mqttUsername().map(u -> "user " + u + (cfg.mqttPassword().isPresent() ? " with password" : ""))
                        .orElse("no user name") + ", " + tls;
    }

    @Override
    public void connect() throws BrokerCheckException {
        try {
            client = new MqttClient(cfg.mqttUri(), clientId, new MemoryPersistence());
            client.setCallback(new Callback());
            client.connect(options);
        } catch (MqttException e) {
            throw new BrokerCheckException(reason(e), e);
        }
    }

    @Override
    public List<GatewaySeen> gateways(String topicFilter, Duration wait) throws BrokerCheckException {
        if (client == null || !client.isConnected()) throw new BrokerCheckException("not connected", null);
        try {
            IMqttToken t = client.subscribeWithResponse(topicFilter, 1);
            int[] granted = t.getGrantedQos();
            if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                throw new BrokerCheckException("the broker refused the subscription to " + topicFilter
                        + " (this user may not read the gateways' status: check the broker's ACL)", null);
            }
            online.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (MqttException e) {
            throw new BrokerCheckException("cannot subscribe to " + topicFilter + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerCheckException("interrupted", e);
        }
        return new ArrayList<>(seen.values());
    }

    @Override
    public void close() {
        MqttClient c = client;
        if (c == null) return;
        try {
            if (c.isConnected()) c.disconnect(1000);
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // nothing left to do
        }
    }

    /** Paho's reason, in words a technician can act on. */
    private String reason(MqttException e) {
        Throwable cause = e.getCause();
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                    "the broker rejected the user name or password (mqtt.username / mqtt.password)";
            case MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    "the broker refused this client: not authorized (user, password or ACL)";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "the broker rejected the client id " + clientId;
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "the broker says it is unavailable";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from " + cfg.mqttUri() + " in time";
            default -> cause != null ? cause(cause) : e.getMessage() + " (code " + e.getReasonCode() + ")";
        };
    }

    private String cause(Throwable c) {
        if (c instanceof ConnectException) return "connection refused at " + cfg.mqttUri() + ": is the broker running, address and port right?";
        if (c instanceof UnknownHostException) return "unknown host in " + cfg.mqttUri() + " (DNS / mqtt.uri)";
        if (c instanceof NoRouteToHostException) return "no route to " + cfg.mqttUri() + " (network, cable, Wi-Fi)";
        if (c instanceof SocketTimeoutException) return "no answer from " + cfg.mqttUri() + " (firewall or wrong port?)";
        if (c instanceof SSLException) return "TLS failed: " + c.getMessage()
                + " (mqtt.tls.caFile must hold the CA that signed the broker's certificate; the host name must match it;"
                + " the Pi's clock must be right)";
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            // The check is short; a lost connection shows as a failed subscription or no gateway seen.
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            String id = Topics.parseGatewayStatus(topic).orElse(null);
            if (id == null) return;
            byte[] payload = message.getPayload();
            if (payload == null || payload.length == 0) {
                seen.remove(id); // retained status cleared: that gateway is gone
                return;
            }
            try {
                GatewayStatusPayload g = Payloads.gatewayStatus(payload);
                seen.put(id, new GatewaySeen(id, g.online(), g.at(), null));
                if (g.online()) online.countDown();
            } catch (PayloadException e) {
                seen.put(id, new GatewaySeen(id, false, null, "malformed status: " + e.getMessage()));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // nothing is published
        }
    }
}
