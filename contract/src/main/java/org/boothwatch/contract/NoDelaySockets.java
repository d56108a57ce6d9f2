package org.boothwatch.contract;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that switch Nagle's algorithm off (TCP_NODELAY) on every socket they make. Paho 1.2.5
 * never sets it, and small MQTT packets then meet the peer's delayed ACK: up to 40 ms per message on Linux.
 * Paho creates an unconnected socket and connects it itself; for {@code ssl://} it insists on an
 * {@link SSLSocketFactory}, for {@code tcp://} on a plain one, hence two classes.
 */
public final class NoDelaySockets {
    private NoDelaySockets() {}

    /**
     * The factory Paho should use for {@code uri}: {@code given} (or the JVM default when null) with TCP_NODELAY
     * for {@code tcp://} and {@code ssl://}. Any other scheme, or a factory of the wrong kind for the scheme, is
     * returned unchanged (Paho then reports the mismatch itself).
     */
    public static SocketFactory forUri(String uri, SocketFactory given) {
        if (uri.startsWith("ssl://")) {
            if (given == null) return new Tls((SSLSocketFactory) SSLSocketFactory.getDefault());
            return given instanceof SSLSocketFactory ssl ? new Tls(ssl) : given;
        }
        if (uri.startsWith("tcp://")) {
            if (given == null) return new Plain(SocketFactory.getDefault());
            return given instanceof SSLSocketFactory ? given : new Plain(given);
        }
        return given;
    }

    private static <S extends Socket> S noDelay(S s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    private static final class Plain extends SocketFactory {
        private final SocketFactory d;

        Plain(SocketFactory d) {
            this.d = d;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(d.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(d.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(d.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory d;

        Tls(SSLSocketFactory d) {
            this.d = d;
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
            return noDelay(d.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            s.setTcpNoDelay(true);
            return noDelay(d.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(d.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(d.createSocket(address, port, localAddress, localPort));
        }
    }
}
