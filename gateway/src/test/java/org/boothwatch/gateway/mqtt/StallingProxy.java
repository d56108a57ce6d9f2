package org.boothwatch.gateway.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a broker that can stall: open connections are cut, new ones are accepted and never
 * answered (a hung broker whose kernel still completes TCP handshakes). A Paho connect made there waits for
 * its CONNACK forever.
 */
final class StallingProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> relayed = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private volatile boolean closed;

    StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("proxy-accept", this::acceptLoop);
    }

    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Cuts the open connections; new ones are held unanswered. */
    void stall() {
        stalled = true;
        relayed.forEach(StallingProxy::closeQuietly);
    }

    /** New connections are relayed again; those already held stay held. */
    void relay() {
        stalled = false;
    }

    int held() {
        return held.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                if (stalled) {
                    held.add(in); // never read, never answered
                    continue;
                }
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                relayed.add(in);
                relayed.add(out);
                daemon("proxy-up", () -> pump(in, out));
                daemon("proxy-down", () -> pump(out, in));
            } catch (IOException e) {
                // closed, or the broker refused: the client sees its connection drop
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
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
    public void close() throws IOException {
        closed = true;
        server.close();
        relayed.forEach(StallingProxy::closeQuietly);
        held.forEach(StallingProxy::closeQuietly);
    }
}
