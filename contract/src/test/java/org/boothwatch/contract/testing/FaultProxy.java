package org.boothwatch.contract.testing;

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
 * A TCP relay on 127.0.0.1 in front of a broker on a loopback port, for tests that need the network or the broker
 * to fail the way they really do. Silent faults only: while it is not relaying, new connections complete their
 * TCP handshake (in the kernel) and are never answered, so a Paho connect made then waits for its CONNACK.
 * Test code only; the simulator's net-cut proxy (which resets connections) is a product feature of its own.
 */
public final class FaultProxy implements AutoCloseable {
    private enum Mode { RELAY, CUT, STALL }

    private final int targetPort;
    private final ServerSocket server;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.RELAY;
    private volatile boolean closed;

    /** Relays to {@code 127.0.0.1:targetPort} from a free loopback port. */
    public FaultProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("proxy-accept-" + server.getLocalPort(), this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /**
     * A dead switch: open connections pass nothing either way and stay open (no RST, no FIN), so each side finds
     * out only through its own keepalive; new connections are held unanswered.
     */
    public void cut() {
        mode = Mode.CUT;
        links.forEach(Link::silence);
    }

    /** A hung broker: open connections are closed, new ones are held unanswered. */
    public void stall() {
        mode = Mode.STALL;
        links.forEach(Link::close);
    }

    /** New connections are relayed again; connections already held or cut stay as they are. */
    public void relay() {
        mode = Mode.RELAY;
    }

    /**
     * The network is back: every connection held or open is closed (those that lived through a cut, as a real NAT
     * or switch would have dropped them) and new ones are relayed.
     */
    public void restore() {
        links.forEach(Link::close);
        held.forEach(FaultProxy::closeQuietly);
        held.clear();
        mode = Mode.RELAY;
    }

    /** Connections accepted while not relaying (and not yet closed by {@link #restore()}). */
    public int held() {
        return held.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) return;
                continue;
            }
            if (mode != Mode.RELAY) {
                held.add(client); // never read, never answered
                continue;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException e) {
                closeQuietly(client); // the broker is down: the client sees its connection drop
                closeQuietly(target);
                continue;
            }
            Link link = new Link(client, target);
            links.add(link);
            if (mode == Mode.CUT) link.silence(); // faulted while connecting
            if (mode == Mode.STALL || closed) link.close();
            daemon("proxy-up", () -> link.pump(client, target));
            daemon("proxy-down", () -> link.pump(target, client));
        }
    }

    /** A relayed connection: the client's socket and the one to the broker. */
    private final class Link {
        private final Socket client;
        private final Socket target;
        private volatile boolean silent;

        Link(Socket client, Socket target) {
            this.client = client;
            this.target = target;
        }

        void silence() {
            silent = true;
        }

        void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (silent) continue; // swallowed: the connection stays open and says nothing
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                if (!silent) close(); // a cut connection stays open until restore() or close()
            }
        }

        void close() {
            closeQuietly(client);
            closeQuietly(target);
            links.remove(this);
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
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::close);
        held.forEach(FaultProxy::closeQuietly);
    }
}
