package org.boothwatch.agent.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;

/**
 * Checks of the files and folders a config names, so a path that parses but cannot work is a config error
 * (exit 2, naming the key) before start-up rather than a failure (exit 1, or endless retries) later.
 */
public final class FileChecks {
    /** What the agent keeps under queue.dir: the offline queue, Paho's in-flight messages, the active alarms. */
    static final List<String> QUEUE_FOLDERS = List.of("outbox", "paho");
    static final String ACTIVE_ALARMS = "active-alarms.json";
    private static final String QUEUE_ALLOWED = "a folder the agent can create and write, that survives a reboot";
    private static final String CA_ALLOWED = "a readable PEM file of CA certificates";
    private static final long MAX_CA_BYTES = 1 << 20;

    private FileChecks() {}

    /** Without touching the disk: the folder (and what the agent keeps in it) is writable or can be created. */
    static void queueDir(String key, Path dir) throws ConfigException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            requireWritableFolder(key, dir, abs);
            for (String sub : QUEUE_FOLDERS) {
                Path p = abs.resolve(sub);
                if (Files.exists(p)) requireWritableFolder(key, dir, p);
            }
            Path alarms = abs.resolve(ACTIVE_ALARMS);
            if (Files.exists(alarms) && !(Files.isRegularFile(alarms) && Files.isReadable(alarms) && Files.isWritable(alarms))) {
                throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (" + alarms + " is not a readable, writable file)");
            }
            return;
        }
        Path parent = abs.getParent();
        while (parent != null && !Files.exists(parent)) parent = parent.getParent();
        if (parent == null) throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (no existing parent folder)");
        if (!Files.isDirectory(parent)) {
            throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (" + parent + " is a file, not a folder)");
        }
        if (!Files.isWritable(parent)) {
            throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (cannot create it: " + parent + " is not writable)");
        }
    }

    private static void requireWritableFolder(String key, Path dir, Path p) throws ConfigException {
        if (!Files.isDirectory(p)) throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (" + p + " is not a folder)");
        if (!Files.isWritable(p) || !Files.isExecutable(p)) {
            throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (" + p + " is not writable)");
        }
    }

    /**
     * Creates the queue folder and its sub-folders and writes (fsynced) and removes a probe file, so a
     * read-only or full disk is found before start-up. Called by the program's main, not by parsing.
     */
    public static void prepareQueueDir(String key, Path dir) throws ConfigException {
        Path probe = dir.resolve(".write-check");
        try {
            Files.createDirectories(dir);
            for (String sub : QUEUE_FOLDERS) Files.createDirectories(dir.resolve(sub));
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'o', 'k'}));
                ch.force(true);
            }
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(key, dir.toString(), QUEUE_ALLOWED + " (" + plain(e) + ")");
        }
    }

    /** The file exists, is readable and holds at least one X.509 certificate. */
    static void caFile(String key, Path file) throws ConfigException {
        String v = file.toString();
        if (!Files.exists(file)) throw new ConfigException(key, v, CA_ALLOWED + " (no such file)");
        if (!Files.isRegularFile(file)) throw new ConfigException(key, v, CA_ALLOWED + " (not a regular file)");
        if (!Files.isReadable(file)) throw new ConfigException(key, v, CA_ALLOWED + " (not readable)");
        try {
            if (Files.size(file) > MAX_CA_BYTES) throw new ConfigException(key, v, CA_ALLOWED + " (larger than 1 MiB)");
            try (InputStream in = Files.newInputStream(file)) {
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certs.isEmpty()) throw new ConfigException(key, v, CA_ALLOWED + " (no certificate in it)");
            }
        } catch (CertificateException e) {
            throw new ConfigException(key, v, CA_ALLOWED + " (not a certificate)");
        } catch (IOException e) {
            throw new ConfigException(key, v, CA_ALLOWED + " (" + plain(e) + ")");
        }
    }

    /** An I/O failure in plain words: the messages only, never an exception class name. */
    private static String plain(Exception e) {
        if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " exists and is not a folder";
        if (e instanceof NoSuchFileException n) return "no such folder: " + n.getFile();
        if (e instanceof FileSystemException f) {
            return f.getFile() + (f.getReason() != null ? ": " + f.getReason() : "");
        }
        String m = e.getMessage();
        return m == null ? "cannot write" : m.replace("Exception", "error");
    }
}
