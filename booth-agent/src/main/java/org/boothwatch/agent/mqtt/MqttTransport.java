package org.boothwatch.agent.mqtt;

/**
 * Our port to an MQTT broker. {@link PahoTransport} implements it with Paho's MqttAsyncClient.
 * Callbacks (handlers and the connection listener) run on the client's threads: they must not block
 * and should hand work off to the caller's own executor.
 */
public interface MqttTransport {

    /** The Last Will the broker publishes when the connection dies without a DISCONNECT. */
    record Will(String topic, byte[] payload, int qos, boolean retained) {}

    @FunctionalInterface
    interface MessageHandler {
        void onMessage(String topic, byte[] payload);
    }

    interface ConnectionListener {
        /** Connected (first time: {@code reconnect=false}); subscriptions are being re-applied. */
        void connected(boolean reconnect);

        void connectionLost(String cause);
    }

    void setConnectionListener(ConnectionListener listener);

    /** Registers a subscription before or after connecting; it is (re)applied on every connect. */
    void subscribe(String topicFilter, int qos, MessageHandler handler);

    /** Starts connecting in the background, retrying (also the first connect) until connected or closed. */
    void connect(Will will);

    boolean isConnected();

    /**
     * Hands a message to the client. For QoS 1, once this returns the client has stored it and delivers it,
     * across reconnects and client restarts.
     * @throws TransportException when not connected or the client refuses the message
     */
    void publish(String topic, byte[] payload, int qos, boolean retained) throws TransportException;

    /** Clean shutdown: sends DISCONNECT (the broker discards the Will), then closes. Blocks briefly. */
    void disconnect();

    /** Abrupt: drops the connection without DISCONNECT, so the broker publishes the Will; then closes. */
    void kill();
}
