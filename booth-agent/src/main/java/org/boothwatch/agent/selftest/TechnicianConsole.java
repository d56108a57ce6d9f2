package org.boothwatch.agent.selftest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.TimeSource;

/**
 * The technician's side: lines typed (read on a daemon thread, so waiting on GPIO never blocks on the
 * keyboard) and text printed. Lines are taken in order by whichever step asks, so answers typed or piped
 * ahead reach the steps they were meant for.
 */
final class TechnicianConsole {
    /** A y/n question's outcome. */
    enum Answer { YES, NO, SKIP, NONE }

    private static final String EOF = new String("<eof>");
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final PrintStream out;
    private final TimeSource time;
    private final Duration pollInterval;
    private volatile boolean closed;
    private String noAnswerReason = "";

    TechnicianConsole(Reader in, PrintStream out, TimeSource time, Duration pollInterval) {
        this.out = out;
        this.time = time;
        this.pollInterval = pollInterval;
        Thread t = new Thread(() -> readLines(in), "selftest-input");
        t.setDaemon(true);
        t.start();
    }

    private void readLines(Reader in) {
        try (BufferedReader r = new BufferedReader(in)) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line.trim());
        } catch (IOException e) {
            // A closed or broken input ends the answers, as end of input does.
        }
        lines.add(EOF);
    }

    void say(String text) {
        out.println(text);
        out.flush();
    }

    void prompt(String text) {
        out.print(text);
        out.flush();
    }

    /** A line typed so far, without waiting; null when none (or the input has ended). */
    String lineNow() {
        if (closed) return null;
        String l = lines.poll();
        if (l == EOF) {
            closed = true;
            return null;
        }
        return l;
    }

    /** Whether the technician's input has ended (no skip or answer can come any more). */
    boolean inputEnded() {
        return closed;
    }

    static boolean isSkip(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.equals("s") || l.equals("skip");
    }

    /** Asks a y/n question until answered, skipped, the input ends or {@code timeout} passes. */
    Answer ask(String question, Duration timeout) {
        long deadline = time.nanos() + timeout.toNanos();
        prompt(question + " [y = yes, n = no, s = skip] ");
        while (true) {
            String l;
            if (closed) {
                noAnswerReason = "no answer: the technician's input has ended";
                say("");
                return Answer.NONE;
            }
            try {
                l = lines.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                noAnswerReason = "interrupted";
                return Answer.NONE;
            }
            if (l == EOF) {
                closed = true;
                continue;
            }
            if (l != null) {
                Answer a = switch (l.toLowerCase(Locale.ROOT)) {
                    case "y", "yes" -> Answer.YES;
                    case "n", "no" -> Answer.NO;
                    case "s", "skip" -> Answer.SKIP;
                    default -> null;
                };
                if (a != null) {
                    say(""); // piped answers are not echoed: end the question's line
                    return a;
                }
                prompt("Please type y, n or s and press Enter: ");
            }
            if (time.nanos() - deadline >= 0) {
                noAnswerReason = "no answer within " + Texts.seconds(timeout);
                say("");
                return Answer.NONE;
            }
        }
    }

    /** Why the last {@link #ask} returned {@link Answer#NONE}. */
    String noAnswerReason() {
        return noAnswerReason;
    }
}
