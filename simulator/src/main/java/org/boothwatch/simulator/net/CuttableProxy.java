package org.boothwatch.simulator.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy between one virtual booth and the broker, so that {@code net-cut} really cuts that
 * booth's network: open connections are reset (RST, no MQTT DISCONNECT, so the broker publishes the
 * Last Will) and new ones are reset at once until {@link #restore()}. Bytes are relayed untouched,
 * so TLS passes through end to end.
 */
public final class CuttableProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CuttableProxy.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "proxy-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cuts = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean closed;

    /** Listens on 127.0.0.1 and a free port, relaying to {@code targetHost:targetPort}. */
    public CuttableProxy(String name, String targetHost, int targetPort) throws IOException {
        this.name = name;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        PUMPS.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Broker URI for the booth: the proxy's address with the given scheme ({@code tcp} or {@code ssl}). */
    public String uri(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    public boolean isCut() {
        return cut;
    }

    /** Connections currently relayed. */
    public int connections() {
        return links.size();
    }

    /** Connection attempts reset because the network was cut. */
    public long refused() {
        return refused.get();
    }

    /** Resets every open connection and every new one until {@link #restore()}. */
    public void cut() {
        cut = true;
        cuts.incrementAndGet();
        for (Link l : links) l.abort();
        log.info("network of {} cut", name);
    }

    /** How often the network was cut. */
    public long cuts() {
        return cuts.get();
    }

    public void restore() {
        cut = false;
        log.info("network of {} restored", name);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Link l : links) l.abort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) log.warn("proxy for {} stopped accepting: {}", name, e.toString());
                return;
            }
            if (cut) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            PUMPS.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        } catch (IOException e) {
            reset(client);
            reset(upstream);
            return;
        }
        Link link = new Link(client, upstream);
        links.add(link);
        if (cut || closed) { // cut while we were connecting
            link.abort();
            return;
        }
        PUMPS.execute(() -> link.pump(client, upstream));
        PUMPS.execute(() -> link.pump(upstream, client));
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // close with RST, as a dead link looks to the peer
        } catch (SocketException ignored) {
            // socket already gone
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** A relayed connection pair. */
    private final class Link {
        private final Socket a;
        private final Socket b;

        Link(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void pump(Socket from, Socket to) {
            byte[] buf = new byte[8192];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                // orderly close on one side: pass it on as an orderly close (MQTT needs no half-close)
                finish();
            } catch (IOException e) {
                abort();
            }
        }

        void abort() {
            reset(a);
            reset(b);
            links.remove(this);
        }

        private void finish() {
            try {
                a.close();
                b.close();
            } catch (IOException ignored) {
                // both going away
            }
            links.remove(this);
        }
    }
}
