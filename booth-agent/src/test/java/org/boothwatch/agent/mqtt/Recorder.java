package org.boothwatch.agent.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client (persistent session, so it also gets what was published while a broker restarted) that records what arrives. */
final class Recorder implements AutoCloseable {
    record Msg(String topic, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final List<Msg> got = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    Recorder(String uri, String clientId, String filter) throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        client.setCallback(new MqttCallbackExtended() {
            @Override public void connectComplete(boolean reconnect, String serverURI) { }
            @Override public void connectionLost(Throwable cause) { }
            @Override public void messageArrived(String topic, MqttMessage m) {
                got.add(new Msg(topic, m.getPayload()));
            }
            @Override public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        client.connect(o);
        client.subscribe(filter, 1);
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        client.publish(topic, payload, 1, retained);
    }

    List<String> texts(String topic) {
        return got.stream().filter(m -> m.topic().equals(topic)).map(Msg::text).toList();
    }

    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect();
        client.close();
    }
}
