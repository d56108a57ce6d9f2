package org.boothwatch.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;

/** POSIX signals to child processes the tests started (Java's Process API has no SIGSTOP/SIGCONT). */
public final class Signals {
    private Signals() {}

    public static void stop(long pid) {
        send("STOP", pid);
    }

    public static void cont(long pid) {
        send("CONT", pid);
    }

    public static void kill9(long pid) {
        send("KILL", pid);
    }

    private static void send(String signal, long pid) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + ": " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
