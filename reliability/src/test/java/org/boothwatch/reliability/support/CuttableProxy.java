package org.boothwatch.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between one client and the broker that can cut the network the way a dead switch does:
 * while cut, bytes are silently dropped in both directions and new connections hang (no RST, no FIN),
 * so each side finds out only through its own keepalive. Restoring closes the dead connections.
 */
public final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private volatile boolean closed;

    public CuttableProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(this::acceptLoop, "proxy-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Silent cut: nothing passes, nothing is closed. */
    public void cut() {
        cut = true;
    }

    /** The network is back; connections that lived through the cut are dropped, as a real NAT/switch would have. */
    public void restore() {
        for (Socket s : sockets) closeQuietly(s);
        sockets.clear();
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (cut) {
                    // The handshake completed in the kernel; nobody ever answers. Closed on restore.
                    sockets.add(client);
                    continue;
                }
                Socket broker = new Socket();
                broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                sockets.add(client);
                sockets.add(broker);
                pump(client, broker);
                pump(broker, client);
            } catch (IOException e) {
                if (closed) return;
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (cut) continue; // dropped on the floor
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away
            } finally {
                if (!cut) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(sockets);
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void closeQuietly(List<Socket> list) {
        for (Socket s : list) closeQuietly(s);
        list.clear();
    }
}
