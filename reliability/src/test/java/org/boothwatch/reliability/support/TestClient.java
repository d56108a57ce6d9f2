package org.boothwatch.reliability.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client for tests: publishes, and records every message it receives. */
public final class TestClient implements AutoCloseable {
    /** One received message. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final MqttAsyncClient client;
    private final List<IMqttToken> pending = new CopyOnWriteArrayList<>();

    private TestClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects; {@code user}, {@code caPem} may be null. */
    public static TestClient connect(String uri, String clientId, String user, String password, Path caPem, boolean cleanSession)
            throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        TestClient t = new TestClient(c);
        c.setCallback(new MqttCallback() {
            @Override public void connectionLost(Throwable cause) { }
            @Override public void messageArrived(String topic, MqttMessage m) {
                t.received.add(new Received(topic, m.getPayload(), m.isRetained()));
            }
            @Override public void deliveryComplete(IMqttDeliveryToken token) { }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(30);
        o.setMaxInflight(2000);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        if (caPem != null) {
            o.setSocketFactory(socketFactory(caPem));
            o.setHttpsHostnameVerificationEnabled(true);
        }
        c.connect(o).waitForCompletion(10_000);
        return t;
    }

    public static TestClient anonymous(String uri, String clientId) throws MqttException {
        return connect(uri, clientId, null, null, null, true);
    }

    public TestClient subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(10_000);
        return this;
    }

    /** Publishes and waits for the broker's acknowledgement (QoS 1). */
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload, qos, retained).waitForCompletion(10_000);
    }

    /** Publishes without waiting; {@link #flush()} waits for every acknowledgement. */
    public void publishAsync(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        if (pending.size() >= 1000) flush();
        pending.add(client.publish(topic, payload, qos, retained));
    }

    public void flush() throws MqttException {
        for (IMqttToken t : pending) t.waitForCompletion(30_000);
        pending.clear();
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** TLS trusting only the CA in {@code caPem}. */
    public static SSLSocketFactory socketFactory(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, (X509Certificate) cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load CA " + caPem + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) client.disconnect(1000).waitForCompletion(2000);
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
    }

    /** Drops the connection without DISCONNECT, so the broker keeps the session (and fires the Last Will). */
    public void abandon() {
        try {
            client.disconnectForcibly(0, 0, false);
            client.close(true);
        } catch (MqttException ignored) {
            // gone either way
        }
    }
}
