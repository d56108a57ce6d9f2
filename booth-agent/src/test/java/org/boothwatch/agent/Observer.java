package org.boothwatch.agent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.PayloadException;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho subscriber on everything of a site, recording what arrives. */
final class Observer implements AutoCloseable {
    record Msg(String topic, byte[] payload, boolean retained) {}

    final List<Msg> got = new CopyOnWriteArrayList<>();
    private final MqttClient client;

    Observer(String uri, String clientId, boolean persistentSession) throws MqttException {
        client = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(!persistentSession);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
            @Override public void connectComplete(boolean reconnect, String serverURI) { }
            @Override public void connectionLost(Throwable cause) { }
            @Override public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                got.add(new Msg(topic, m.getPayload(), m.isRetained()));
            }
            @Override public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) { }
        });
        client.connect(o);
        client.subscribe(Topics.root("site1") + "/#", 1);
    }

    void publish(String topic, Object payload, boolean retained) throws MqttException {
        client.publish(topic, Json.write(payload), 1, retained);
    }

    List<EventPayload> events(String booth, EventKind kind) {
        return got.stream().filter(m -> m.topic().equals(Topics.event("site1", booth))).map(m -> parseEvent(booth, m))
                .filter(e -> e.kind() == kind).toList();
    }

    StatePayload lastState(String booth) {
        Msg last = null;
        for (Msg m : got) if (m.topic().equals(Topics.state("site1", booth))) last = m;
        if (last == null) return null;
        try {
            return Payloads.state(last.payload(), Topics.parseBooth(last.topic()).orElseThrow());
        } catch (PayloadException e) {
            throw new AssertionError(e);
        }
    }

    List<StatusPayload> statuses(String booth) {
        return got.stream().filter(m -> m.topic().equals(Topics.status("site1", booth))).map(m -> {
            try {
                return Payloads.status(m.payload(), Topics.parseBooth(m.topic()).orElseThrow());
            } catch (PayloadException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    long count(String topic) {
        return got.stream().filter(m -> m.topic().equals(topic)).count();
    }

    private static EventPayload parseEvent(String booth, Msg m) {
        try {
            return Payloads.event(m.payload(), Topics.parseBooth(m.topic()).orElseThrow());
        } catch (PayloadException e) {
            throw new AssertionError("invalid event payload: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect();
        client.close();
    }
}
