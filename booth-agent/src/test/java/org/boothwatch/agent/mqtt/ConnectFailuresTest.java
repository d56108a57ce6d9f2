package org.boothwatch.agent.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

class ConnectFailuresTest {
    private static final String CA = "mqtt.tls.caFile=/etc/boothwatch/ca.pem";

    /** The chains the JDK and Paho build: MqttException(0) → SSLHandshakeException → the real cause. */
    private static MqttException paho(Throwable cause) {
        return new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, cause);
    }

    private static <T extends Throwable> T causedBy(T t, Throwable cause) {
        t.initCause(cause);
        return t;
    }

    private static String describe(Throwable e) {
        return ConnectFailures.describe(e, "127.0.0.2", CA);
    }

    @Test
    void untrustedCertificateNamesTheCaFile() {
        Throwable chain = paho(causedBy(new SSLHandshakeException("PKIX path building failed"),
                new CertPathBuilderException("unable to find valid certification path to requested target")));
        assertEquals("TLS: the broker's certificate is not trusted by " + CA, describe(chain));
        // Some JDKs keep only the message of the cause (sun.security.validator.ValidatorException).
        assertEquals("TLS: the broker's certificate is not trusted by " + CA,
                describe(paho(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"))));
    }

    @Test
    void hostNameMismatchNamesTheHost() {
        String expected = "TLS: host name 127.0.0.2 does not match the broker's certificate";
        assertEquals(expected, describe(paho(causedBy(new SSLHandshakeException("No subject alternative names matching IP address 127.0.0.2 found"),
                new CertificateException("No subject alternative names matching IP address 127.0.0.2 found")))));
        assertEquals(expected, describe(paho(new SSLHandshakeException("No name matching broker.local found"))));
        assertEquals(expected, describe(paho(new SSLPeerUnverifiedException("Host \"127.0.0.2\" of server certificate does not match"))));
    }

    @Test
    void expiredCertificateMentionsTheClock() {
        assertTrue(describe(paho(causedBy(new SSLHandshakeException("validity check failed"), new CertificateExpiredException("NotAfter"))))
                .startsWith("TLS: the broker's certificate is expired or not yet valid"));
    }

    @Test
    void connackCodesFourAndFiveAreNotAuthorized() {
        assertTrue(describe(new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION))
                .startsWith("not authorized: bad user name or password, check mqtt.username/password"));
        assertTrue(describe(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED)).startsWith("not authorized: check mqtt.username/password"));
    }

    @Test
    void networkCauses() {
        assertTrue(describe(new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR, new ConnectException("Connection refused")))
                .startsWith("connection refused"));
        assertEquals("unknown host 127.0.0.2", describe(paho(new UnknownHostException("nohost"))));
        assertTrue(describe(paho(new SSLException("Unsupported or unrecognized SSL message"))).contains("did not answer with TLS"));
        assertTrue(describe(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST)).startsWith("connection lost"));
    }

    /** What Paho really throws for a closed port, not a hand-built chain. */
    @Test
    void realPahoRefusal() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, "t", new MemoryPersistence());
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setConnectionTimeout(5);
            MqttException e = assertThrows(MqttException.class, () -> c.connect(o));
            assertTrue(describe(e).startsWith("connection refused"), describe(e));
        } finally {
            c.close(true);
        }
    }
}
