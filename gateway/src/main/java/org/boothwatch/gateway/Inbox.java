package org.boothwatch.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages Paho handed over that the processor has not taken yet, with flow control: once {@link #HIGH}
 * wait, the handing thread (Paho's) is held back, at most {@link #WAIT_MS} per message, until fewer than
 * {@link #LOW} wait. Paho then stops reading and the broker keeps the rest in the gateway's persistent
 * session; without this a flood (or a stuck store) filled the heap until the gateway died of OutOfMemoryError.
 */
final class Inbox {
    private static final Logger log = LoggerFactory.getLogger(Processor.class); // reads as the processor's log

    /** A message handed over by Paho, parsed, with its arrival time (TimeSource, and real for the slow-batch log). */
    record Inbound(String topic, MqttMessage m, Runnable ack, Processor.Parsed parsed, long arrived, long realArrived) {}

    static final int HIGH = 20_000;
    static final int LOW = 10_000;
    /** Longest hold per message: never long enough to stall Paho's keepalive for good. */
    static final long WAIT_MS = 500;

    private final ConcurrentLinkedQueue<Inbound> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Runnable onPause;
    private final BooleanSupplier closed;
    private volatile boolean paused;

    /** {@code onPause}: counts each time the holding back starts; {@code closed}: stop holding anyone back. */
    Inbox(Runnable onPause, BooleanSupplier closed) {
        this.onPause = onPause;
        this.closed = closed;
    }

    /** From the handing thread: may wait while the processor is far behind (see the class comment). */
    void add(Inbound in) {
        int waiting = size.get();
        if (waiting >= HIGH || (paused && waiting > LOW)) {
            holdBack();
        } else if (paused) {
            paused = false;
            log.info("processor caught up ({} messages waiting): reading from the broker at full speed again", waiting);
        }
        queue.add(in);
        size.incrementAndGet();
    }

    private void holdBack() {
        long end = System.nanoTime() + WAIT_MS * 1_000_000L;
        if (!paused) {
            paused = true;
            onPause.run();
            log.warn("processor {} messages behind: reading from the broker slowed until it is below {} (the broker keeps the rest)",
                    size.get(), LOW);
        }
        synchronized (size) {
            while (size.get() > LOW && !closed.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) return;
                try {
                    size.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Up to {@code max} messages, oldest first; wakes a held-back thread when few enough are left. */
    List<Inbound> take(int max) {
        List<Inbound> batch = new ArrayList<>();
        for (Inbound in; batch.size() < max && (in = queue.poll()) != null; ) batch.add(in);
        if (!batch.isEmpty() && size.addAndGet(-batch.size()) <= LOW && paused) {
            synchronized (size) {
                size.notifyAll();
            }
        }
        return batch;
    }

    /** Arrival time (TimeSource.nanos) of the oldest message not yet taken, or null when none waits. */
    Long oldestArrival() {
        Inbound head = queue.peek();
        return head == null ? null : head.arrived();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return size.get();
    }
}
