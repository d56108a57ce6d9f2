package org.boothwatch.agent.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PahoTransport opens its sockets through the contract's MqttSockets (TCP_NODELAY on), over tcp:// and ssl://.
 * The factories themselves are tested in the contract module.
 */
class PahoTransportNoDelayTest {
    @TempDir
    Path dir;

    @Test
    void pahoTransportConnectsOverMqttSockets() throws Exception {
        assertTransportSocketsNoDelay("tcp", new Recording(SocketFactory.getDefault()));
    }

    @Test
    void pahoTransportOverTlsConnectsOverMqttSockets() throws Exception {
        assertTransportSocketsNoDelay("ssl", new RecordingTls((SSLSocketFactory) SSLSocketFactory.getDefault()));
    }

    /** Paho connects to a bare TCP server (no MQTT answer): enough to see the socket it made. */
    private void assertTransportSocketsNoDelay(String scheme, Recorder factory) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String uri = scheme + "://127.0.0.1:" + server.getLocalPort();
            PahoTransport t = new PahoTransport(new PahoTransport.Options(uri, "nodelay-test", Optional.empty(),
                    Optional.empty(), Duration.ofSeconds(10), dir, (SocketFactory) factory));
            try {
                t.connect(new MqttTransport.Will("t/will", new byte[] {1}, 1, true));
                await().atMost(Duration.ofSeconds(10)).until(() -> !factory.made().isEmpty());
                // open until Paho's 5 s connect/handshake timeout: the server never answers
                assertTrue(factory.made().get(0).getTcpNoDelay(), "TCP_NODELAY on Paho's socket");
            } finally {
                t.kill();
            }
        }
    }

    private interface Recorder {
        List<Socket> made();
    }

    private static final class Recording extends SocketFactory implements Recorder {
        private final SocketFactory d;
        private final List<Socket> made = new CopyOnWriteArrayList<>();

        Recording(SocketFactory d) {
            this.d = d;
        }

        public List<Socket> made() {
            return made;
        }

        private Socket rec(Socket s) {
            made.add(s);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return rec(d.createSocket());
        }

        @Override
        public Socket createSocket(String h, int p) throws IOException {
            return rec(d.createSocket(h, p));
        }

        @Override
        public Socket createSocket(String h, int p, InetAddress la, int lp) throws IOException {
            return rec(d.createSocket(h, p, la, lp));
        }

        @Override
        public Socket createSocket(InetAddress h, int p) throws IOException {
            return rec(d.createSocket(h, p));
        }

        @Override
        public Socket createSocket(InetAddress h, int p, InetAddress la, int lp) throws IOException {
            return rec(d.createSocket(h, p, la, lp));
        }
    }

    private static final class RecordingTls extends SSLSocketFactory implements Recorder {
        private final SSLSocketFactory d;
        private final List<Socket> made = new CopyOnWriteArrayList<>();

        RecordingTls(SSLSocketFactory d) {
            this.d = d;
        }

        public List<Socket> made() {
            return made;
        }

        private Socket rec(Socket s) {
            made.add(s);
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return d.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return d.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return rec(d.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String h, int p, boolean a) throws IOException {
            return rec(d.createSocket(s, h, p, a));
        }

        @Override
        public Socket createSocket(String h, int p) throws IOException {
            return rec(d.createSocket(h, p));
        }

        @Override
        public Socket createSocket(String h, int p, InetAddress la, int lp) throws IOException {
            return rec(d.createSocket(h, p, la, lp));
        }

        @Override
        public Socket createSocket(InetAddress h, int p) throws IOException {
            return rec(d.createSocket(h, p));
        }

        @Override
        public Socket createSocket(InetAddress h, int p, InetAddress la, int lp) throws IOException {
            return rec(d.createSocket(h, p, la, lp));
        }
    }
}
