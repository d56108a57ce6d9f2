package org.boothwatch.agent.selftest;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.io.BoothIo;
import org.boothwatch.agent.io.BoothIoException;
import org.boothwatch.agent.io.Input;
import org.boothwatch.contract.TimeSource;

/**
 * Waits until one input reaches a level. It hears edges from the IO listener (so a press shorter than the
 * poll interval is not missed) and also reads the input every poll interval (so a missed edge is not
 * either). Time limits use the injected {@link TimeSource}; the technician may skip with "s".
 */
final class InputWaiter {
    enum Result { SEEN, TIMEOUT, SKIPPED, UNREADABLE }

    record Outcome(Result result, String detail) {}

    private record Edge(Input input, boolean active) {}

    private static final Duration REMIND_EVERY = Duration.ofSeconds(10);
    private final BoothIo io;
    private final TechnicianConsole console;
    private final TimeSource time;
    private final Duration pollInterval;
    private final BlockingQueue<Edge> edges = new LinkedBlockingQueue<>();

    InputWaiter(BoothIo io, TechnicianConsole console, TimeSource time, Duration pollInterval) {
        this.io = io;
        this.console = console;
        this.time = time;
        this.pollInterval = pollInterval;
        io.setListener((in, active) -> edges.add(new Edge(in, active)));
    }

    /** The input's current state; throws BoothIoException when it cannot be read. */
    boolean read(Input in) {
        return io.read(in);
    }

    /** Forgets the edges heard so far: they say nothing about the wait that starts next. */
    void forgetEdges() {
        edges.clear();
    }

    /**
     * Waits until {@code in} reads {@code active} (or an edge to it is heard), at most {@code timeout} from
     * {@code start} ({@link TimeSource#nanos()}).
     */
    Outcome await(Input in, boolean active, long start, Duration timeout, String waitingFor) {
        long nextReminder = start + REMIND_EVERY.toNanos();
        while (true) {
            String line = console.lineNow();
            if (line != null) {
                if (TechnicianConsole.isSkip(line)) return new Outcome(Result.SKIPPED, "skipped by the technician");
                console.say("  (still waiting for " + waitingFor + "; type s and Enter to skip this check)");
            }
            try {
                if (io.read(in) == active) return new Outcome(Result.SEEN, null);
            } catch (BoothIoException e) {
                return new Outcome(Result.UNREADABLE, e.getMessage());
            }
            long now = time.nanos();
            if (now - start >= timeout.toNanos()) return new Outcome(Result.TIMEOUT, null);
            if (now - nextReminder >= 0) {
                long leftS = (timeout.toNanos() - (now - start) + 999_999_999L) / 1_000_000_000L;
                console.say("  ... waiting for " + waitingFor + ", " + leftS + " s left"
                        + (console.inputEnded() ? "" : " (s + Enter to skip)"));
                nextReminder = now + REMIND_EVERY.toNanos();
            }
            Edge e;
            try {
                e = edges.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return new Outcome(Result.SKIPPED, "interrupted");
            }
            while (e != null) {
                if (e.input() == in && e.active() == active) return new Outcome(Result.SEEN, null);
                e = edges.poll();
            }
        }
    }

    void close() {
        io.setListener(null);
    }
}
