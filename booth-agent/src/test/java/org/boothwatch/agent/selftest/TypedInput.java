package org.boothwatch.agent.selftest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The technician's keyboard for tests: lines typed by the test, end of input on close. */
final class TypedInput extends Reader {
    private static final String END = new String("");
    private final BlockingQueue<String> chunks = new LinkedBlockingQueue<>();
    private String current = "";
    private int pos;

    void type(String line) {
        chunks.add(line + "\n");
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (pos >= current.length()) {
            if (current == END) return -1;
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            pos = 0;
        }
        int n = Math.min(len, current.length() - pos);
        current.getChars(pos, pos + n, buf, off);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        chunks.add(END);
    }
}
