package org.boothwatch.agent.mqtt;

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
 * A TCP relay in front of a broker that can go silent: it then passes nothing either way on open connections
 * and accepts new ones without ever answering, like a hung broker whose kernel still completes TCP handshakes.
 * A Paho connect made there waits for its CONNACK forever.
 */
final class SilenceableProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean silent;
    private volatile boolean closed;

    SilenceableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("proxy-accept", this::acceptLoop);
    }

    String uri() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on nothing passes on open connections, and new connections are held unanswered. */
    void silence() {
        silent = true;
        links.forEach(l -> l.silent = true);
    }

    /** New connections are relayed again; connections already held or silenced stay so. */
    void relay() {
        silent = false;
    }

    /** Connections accepted while silent: each is a connect waiting for an answer that never comes. */
    int held() {
        return held.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                sockets.add(in);
                if (silent) {
                    held.add(in); // never read, never answered
                    continue;
                }
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(out);
                Link link = new Link();
                links.add(link);
                daemon("proxy-up", () -> pump(link, in, out));
                daemon("proxy-down", () -> pump(link, out, in));
            } catch (IOException e) {
                if (!closed) sockets.forEach(SilenceableProxy::closeQuietly);
            }
        }
    }

    private static final class Link {
        volatile boolean silent;
    }

    private static void pump(Link link, Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (link.silent) continue; // swallowed: the connection stays open and says nothing
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            if (!link.silent) {
                closeQuietly(from);
                closeQuietly(to);
            }
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
        sockets.forEach(SilenceableProxy::closeQuietly);
    }
}
