package org.boothwatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY for the floor's Paho clients (and {@code set_tcp_nodelay} in the bench's
 * Mosquitto), like the product's own connections. {@code -Dbench.nodelay=false} turns it off for the floor and
 * Mosquitto only, to see the old Nagle + delayed-ACK stalls (about 40 ms on Linux).
 */
final class NoDelaySockets extends SocketFactory {
    static final boolean ON = !"false".equals(System.getProperty("bench.nodelay"));

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
