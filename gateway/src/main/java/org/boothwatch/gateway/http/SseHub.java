package org.boothwatch.gateway.http;

import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.boothwatch.contract.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The display streams. Sends happen on the hub's own thread, in the order they were queued, so a slow
 * display never holds up the gateway's processor; a {@code tick} goes out every second. Events waiting together
 * are written together and flushed once per stream: under load one network write carries many events.
 */
public final class SseHub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SseHub.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-sender");
        t.setDaemon(true);
        return t;
    });

    /** A snapshot's JSON and the processor version it reflects. */
    public record Versioned(long version, String json) {}

    private record Sent(long version, String event, String json) {}

    /** A view to be serialized on the sender thread ({@link #broadcastView}). */
    private record Pending(long version, String event, String json, Object view) {
        Sent sent() {
            return new Sent(version, event, json != null ? json : Json.writeString(view));
        }
    }

    /** Events already sent that are newer than the last published snapshot (sender thread only). */
    private final ArrayDeque<Sent> recent = new ArrayDeque<>();

    /**
     * Most events waiting for the sender. Beyond it the streams cannot keep up (a display on a bad network, or a
     * flood): they are closed, so each display reconnects and starts again from a fresh snapshot, instead of the
     * waiting events filling the heap. The events still go into {@code recent}, so a reconnecting display misses none.
     */
    static final int MAX_WAITING = 50_000;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean dropping = new AtomicBoolean();
    /** Events broadcast so far; at a drop, how many had been broadcast (sender thread: how many are sent). */
    private final AtomicLong queued = new AtomicLong();
    private volatile long droppedAt;
    private long taken;
    private final ConcurrentLinkedQueue<Pending> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    /** Most events written to the streams before one flush. */
    static final int FLUSH_EVERY = 256;
    private final LongAdder streamsDropped = new LongAdder();

    /** The tick does not depend on the gateway's processor: a busy gateway still ticks (and says so). */
    public SseHub(Supplier<String> tick) {
        sender.scheduleAtFixedRate(() -> send(List.of(new Sent(0, "tick", tick.get()))), 1000, 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a new client the latest snapshot, then the events already sent that are newer than it, then adds
     * it: nothing is missed, and the processor is not waited for.
     */
    public void add(SseClient client, Supplier<Versioned> snapshot) {
        sender.execute(() -> {
            try {
                Versioned s = snapshot.get();
                sendFrame(client, "snapshot", s.json());
                for (Sent e : recent) {
                    if (e.version() > s.version()) sendFrame(client, e.event(), e.json());
                }
                clients.add(client);
                log.info("display connected ({} streams)", clients.size());
            } catch (RuntimeException e) {
                log.info("display stream failed at once: {}", e.toString());
            }
        });
        client.onClose(() -> {
            clients.remove(client);
            log.info("display disconnected ({} streams)", clients.size());
        });
    }

    /** {@code version}: the processor batch that produced it (see ModelSnapshot). */
    public void broadcast(String event, String json, long version) {
        enqueue(new Pending(version, event, json, null));
    }

    /**
     * As {@link #broadcast}, serializing {@code view} to JSON on the hub's thread, not the caller's: the display
     * JSON was a quarter of the gateway processor's time per event (profiled at 6,000 events/s). {@code view}
     * must not change after this call (the model's views are immutable records).
     */
    public void broadcastView(String event, Object view, long version) {
        enqueue(new Pending(version, event, null, view));
    }

    private void enqueue(Pending p) {
        if (sender.isShutdown()) return;
        outbox.add(p);
        queued.incrementAndGet();
        if (waiting.incrementAndGet() > MAX_WAITING && dropping.compareAndSet(false, true)) dropStreams();
        if (drainQueued.compareAndSet(false, true)) sender.execute(this::drain);
    }

    /** Sends what is waiting, in order, to the streams still open (dropped ones are gone from the list). */
    private void drain() {
        drainQueued.set(false); // an event added from now on queues another drain
        List<Sent> batch = new ArrayList<>();
        int polled = 0;
        for (Pending e; polled < FLUSH_EVERY && (e = outbox.poll()) != null; ) {
            polled++;
            try {
                batch.add(e.sent());
            } catch (RuntimeException ex) { // a view that cannot be written: never silently, never the whole batch
                log.error("display event {} (version {}) could not be serialized, not sent: {}", e.event(), e.version(), ex.toString(), ex);
            }
        }
        if (polled == 0) return;
        if (!outbox.isEmpty() && drainQueued.compareAndSet(false, true)) sender.execute(this::drain);
        recent.addAll(batch);
        send(batch);
        waiting.addAndGet(-polled); // only now: a batch stuck in a write still counts as waiting
        taken += polled;
        if (dropping.get() && taken >= droppedAt) dropping.set(false); // the events waiting at the drop are through
    }

    /** Closes every stream now; another drop can happen only once the events already waiting are through. */
    private void dropStreams() {
        droppedAt = queued.get();
        List<SseClient> dropped = List.copyOf(clients);
        clients.removeAll(dropped);
        log.warn("display streams {} events behind: closing {} stream(s); the displays reconnect and start from a fresh snapshot",
                waiting.get(), dropped.size());
        streamsDropped.increment();
        for (SseClient c : dropped) {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.debug("closing a display stream: {}", e.toString());
            }
        }
    }

    /** Times the streams fell so far behind that they were closed (see {@link #MAX_WAITING}). */
    public long streamsDropped() {
        return streamsDropped.sum();
    }

    /** Events waiting to be sent to the display streams. */
    public int waiting() {
        return waiting.get();
    }

    /** A snapshot of {@code version} is published: events up to it need no replay to new clients. */
    public void settled(long version) {
        if (!sender.isShutdown()) {
            sender.execute(() -> {
                while (!recent.isEmpty() && recent.peekFirst().version() <= version) recent.removeFirst();
            });
        }
    }

    public int size() {
        return clients.size();
    }

    /** Writes {@code frames} to every open stream, then one flush per stream; a stream that fails is dropped. */
    private void send(List<Sent> frames) {
        for (SseClient c : clients) {
            try {
                if (c.terminated()) {
                    clients.remove(c);
                    continue;
                }
                for (Sent e : frames) writeFrame(c, e.event(), e.json());
                c.ctx().res().flushBuffer();
            } catch (IOException e) {
                clients.remove(c);
                c.close(); // as a failed write in sendFrame
            } catch (RuntimeException e) {
                clients.remove(c);
                log.info("dropped a display stream: {}", e.toString());
            }
        }
    }

    /** One SSE frame, written and flushed (snapshot, replay, tick). A failed write closes the stream. */
    static void sendFrame(SseClient c, String event, String json) {
        try {
            writeFrame(c, event, json);
            c.ctx().res().flushBuffer();
        } catch (IOException e) {
            c.close();
        }
    }

    /**
     * One SSE frame written straight to the response, not flushed. Javalin's own sendEvent reads every payload
     * through a BufferedReader to split it into lines: 60 % of this thread's time at 8,000 events/s. Ours are one
     * line of compact JSON; anything with a line break still goes through Javalin (which flushes).
     */
    private static void writeFrame(SseClient c, String event, String json) throws IOException {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0 || event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0) {
            c.sendEvent(event, json);
            return;
        }
        c.ctx().res().getOutputStream().write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // Streams end when the HTTP server stops; closing them here races Jetty recycling the requests.
        sender.shutdownNow();
        clients.clear();
    }
}
