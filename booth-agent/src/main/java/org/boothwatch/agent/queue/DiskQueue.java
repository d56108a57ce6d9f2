package org.boothwatch.agent.queue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.boothwatch.contract.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A FIFO of messages on disk, one fsynced file per message ({@code 00000000000000000042.msg}), so it
 * survives a crash or restart and is delivered in order. A message is removed only after the transport
 * has taken it. If the disk fails, messages are still kept in memory (and the failure logged).
 */
public final class DiskQueue {
    private static final Logger log = LoggerFactory.getLogger(DiskQueue.class);
    private static final String SUFFIX = ".msg";

    /** One queued message; {@code index} orders them. */
    public record Entry(long index, String topic, byte[] payload) {}

    private record Stored(String topic, byte[] payload) {}

    private final Path dir;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextIndex;

    public DiskQueue(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            for (Path f : files) load(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event queue in " + dir, e);
        }
        nextIndex = entries.isEmpty() ? 1 : entries.peekLast().index() + 1;
        if (!entries.isEmpty()) log.info("event queue {} holds {} undelivered message(s)", dir, entries.size());
    }

    private void load(Path f) throws IOException {
        String name = f.getFileName().toString();
        try {
            long index = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
            Stored s = Json.MAPPER.readValue(Files.readAllBytes(f), new TypeReference<Stored>() {});
            if (s.topic() == null || s.payload() == null) throw new IOException("incomplete entry");
            entries.add(new Entry(index, s.topic(), s.payload()));
        } catch (IOException | RuntimeException e) {
            // Never block the queue on one bad file; keep it aside for a person to look at.
            Path bad = f.resolveSibling(name + ".bad");
            Files.move(f, bad, StandardCopyOption.REPLACE_EXISTING);
            log.error("event queue: unreadable entry {} moved to {}: {}", f, bad, e.getMessage());
        }
    }

    public synchronized void append(String topic, byte[] payload) {
        Entry e = new Entry(nextIndex++, topic, payload);
        entries.add(e);
        try {
            Path tmp = dir.resolve(fileName(e.index()) + ".tmp");
            byte[] bytes = Json.write(new Stored(topic, payload));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(fileName(e.index())), StandardCopyOption.ATOMIC_MOVE);
            syncDir();
        } catch (IOException | UncheckedIOException ex) {
            log.error("event queue: cannot write to {} ({}); message kept in memory only", dir, ex.getMessage());
        }
    }

    public synchronized Optional<Entry> peek() {
        return Optional.ofNullable(entries.peekFirst());
    }

    /** Removes the head, which must be {@code e} (it has been handed to the transport). */
    public synchronized void remove(Entry e) {
        if (entries.peekFirst() != e) throw new IllegalStateException("not the head of the queue: " + e.index());
        entries.removeFirst();
        try {
            Files.deleteIfExists(dir.resolve(fileName(e.index())));
        } catch (IOException ex) {
            log.error("event queue: cannot delete delivered entry {}: {}", e.index(), ex.getMessage());
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    private static String fileName(long index) {
        return String.format("%020d%s", index, SUFFIX);
    }

    private void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Not every file system can sync a directory; the file itself is synced.
        }
    }
}
