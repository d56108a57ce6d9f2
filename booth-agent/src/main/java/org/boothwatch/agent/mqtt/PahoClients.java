package org.boothwatch.agent.mqtt;

import javax.net.SocketFactory;
import org.boothwatch.contract.MqttSockets;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Paho details of {@link PahoTransport}: the connect options, and closing a client for good. */
final class PahoClients {
    private static final Logger log = LoggerFactory.getLogger(PahoClients.class);

    private PahoClients() {}

    static MqttConnectOptions connectOptions(PahoTransport.Options options, MqttTransport.Will will, long maxRetryMs) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay((int) maxRetryMs);
        o.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        o.setConnectionTimeout(5);
        o.setMaxInflight(PahoTransport.MAX_INFLIGHT);
        o.setHttpsHostnameVerificationEnabled(true);
        o.setWill(will.topic(), will.payload(), will.qos(), will.retained());
        options.username().ifPresent(o::setUserName);
        options.password().ifPresent(p -> o.setPassword(p.toCharArray()));
        SocketFactory sf = MqttSockets.forUri(options.uri(), options.socketFactory());
        if (sf != null) o.setSocketFactory(sf);
        return o;
    }

    /**
     * Closes the client so that it can never connect again, dropping its connection without DISCONNECT. A
     * disconnected client is closed at once, so a reconnect timer of its own that fires later finds it closed.
     * close() refuses a client that is connected or connecting: that one is cut first, then closed; retried a
     * few times, as Paho's reconnect timer may start an attempt in between. The persisted messages stay.
     */
    static boolean closeForGood(MqttAsyncClient c) {
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
}
