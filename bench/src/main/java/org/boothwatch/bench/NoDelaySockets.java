package org.boothwatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY, for the {@code -Dbench.nodelay=true} experiment: Paho 1.2.5 never sets
 * it, so small MQTT packets can wait for Nagle + delayed ACK (about 40 ms on Linux).
 */
final class NoDelaySockets extends SocketFactory {
    static final boolean ON = Boolean.getBoolean("bench.nodelay");

    private static Socket nd(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return nd(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return nd(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return nd(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return nd(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) throws IOException {
        return nd(new Socket(address, port, local, localPort));
    }
}
