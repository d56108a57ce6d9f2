package org.boothwatch.agent.mqtt;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Why a connection to the broker failed, in words an installer can act on. Paho wraps the real cause
 * (a TLS trust failure, a refused port, a CONNACK code) in an MqttException whose own message says little.
 */
public final class ConnectFailures {
    private ConnectFailures() {}

    /**
     * @param host     the broker host from mqtt.uri (for the host-name and unknown-host messages)
     * @param trustedBy what the broker's certificate is checked against, e.g. {@code mqtt.tls.caFile=/etc/ca.pem}
     */
    public static String describe(Throwable e, String host, String trustedBy) {
        if (e instanceof MqttException m) {
            switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "not authorized: bad user name or password, check mqtt.username/password";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "not authorized: check mqtt.username/password (and the broker's ACL)";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "the broker rejected the client id";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "the broker says it is unavailable";
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION:
                    return "the broker does not accept MQTT 3.1.1";
                default:
                    break;
            }
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            String lower = m.toLowerCase(Locale.ROOT);
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException
                    || lower.contains("unable to find valid certification path") || lower.contains("pkix path")) {
                return "TLS: the broker's certificate is not trusted by " + trustedBy;
            }
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return "TLS: the broker's certificate is expired or not yet valid (is this device's clock right?)";
            }
            if (lower.contains("no subject alternative") || lower.contains("no name matching")
                    || (c instanceof SSLPeerUnverifiedException && lower.contains("does not match"))) {
                return "TLS: host name " + host + " does not match the broker's certificate";
            }
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof UnknownHostException) return "unknown host " + host;
            if (c instanceof ConnectException) return "connection refused (is the broker running on that port?)";
            if (c instanceof NoRouteToHostException) return "no route to host " + host + " (network down?)";
            if (c instanceof SocketTimeoutException) return "no answer from the broker (timeout: firewall or wrong port?)";
            if (c instanceof SSLHandshakeException) return "TLS handshake failed: " + m;
            if (c instanceof SSLException) {
                return m.toLowerCase(Locale.ROOT).contains("unrecognized ssl message") || m.contains("plaintext")
                        ? "TLS: the broker did not answer with TLS (is it a plain tcp:// port?)"
                        : "TLS failed: " + m;
            }
            if (c instanceof EOFException) return "connection closed by the broker";
        }
        if (e instanceof MqttException m) {
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_CONNECTION_LOST -> "connection lost: closed by the broker during connect";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer from the broker (timeout)";
                case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "cannot reach the broker";
                default -> m.getCause() != null && m.getCause().getMessage() != null ? m.getCause().getMessage()
                        : m.getMessage() + " (code " + m.getReasonCode() + ")";
            };
        }
        return e == null ? "unknown" : String.valueOf(e.getMessage());
    }
}
