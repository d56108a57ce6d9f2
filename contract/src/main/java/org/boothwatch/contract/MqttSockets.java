package org.boothwatch.contract;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho. Every socket has Nagle's algorithm off (TCP_NODELAY): Paho 1.2.5 never sets it, and
 * small MQTT packets then meet the peer's delayed ACK, up to 40 ms per message on Linux. Plain sockets made by the
 * default factory also buffer their reads: Paho reads each packet's fixed header a byte at a time, which on a bare
 * socket is a system call per byte (three or more per message: a measurable share of a busy gateway's CPU).
 * Paho creates an unconnected socket and connects it itself; for {@code ssl://} it insists on an
 * {@link SSLSocketFactory}, for {@code tcp://} on a plain one, hence separate classes. (TLS sockets buffer already:
 * they read whole records.)
 */
public final class MqttSockets {
    /** Bytes read from the network at once; a few dozen MQTT messages. */
    static final int READ_BUFFER = 8192;

    private MqttSockets() {}

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
            if (given == null) return new Buffered();
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

    /** The JVM's own plain sockets with buffered reads ({@link BufferedReadSocket}); connected ones connect here. */
    private static final class Buffered extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new BufferedReadSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
        }

        private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
            Socket s = createSocket();
            try {
                if (from != null) s.bind(from);
                s.connect(to);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }
    }

    /**
     * A socket whose input stream is buffered. A read that times out (Paho sets SO_TIMEOUT) loses nothing:
     * BufferedInputStream only takes bytes the socket returned.
     */
    static final class BufferedReadSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) in = new BufferedInputStream(super.getInputStream(), READ_BUFFER);
            return in;
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
