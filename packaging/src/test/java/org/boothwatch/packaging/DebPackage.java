package org.boothwatch.packaging;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** A built .deb read with plain Java (ar + tar.gz), the way dpkg reads it, without dpkg. */
final class DebPackage {

    /** One file or directory of the data archive. */
    record Entry(String path, int mode, String user, String group, long size, boolean directory) {}

    /** Reads one data file's content as a stream. */
    interface DataReader<T> {
        T read(InputStream in) throws IOException;
    }

    final Path file;
    final List<String> arMembers = new ArrayList<>();
    final Map<String, String> controlFiles = new LinkedHashMap<>();
    final Map<String, Integer> controlModes = new LinkedHashMap<>();
    final Map<String, Entry> data = new LinkedHashMap<>();
    String debianBinary;

    private DebPackage(Path file) {
        this.file = file;
    }

    static DebPackage read(Path file) {
        DebPackage deb = new DebPackage(file);
        try {
            deb.scan();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return deb;
    }

    private void scan() throws IOException {
        try (ArArchiveInputStream ar = openAr()) {
            ArArchiveEntry member;
            while ((member = ar.getNextEntry()) != null) {
                arMembers.add(member.getName());
                switch (member.getName()) {
                    case "debian-binary" -> debianBinary = new String(ar.readAllBytes(), StandardCharsets.US_ASCII);
                    case "control.tar.gz" -> readControl(ar);
                    case "data.tar.gz" -> readDataIndex(ar);
                    default -> { }
                }
            }
        }
    }

    private ArArchiveInputStream openAr() throws IOException {
        return new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    private static TarArchiveInputStream tarGz(InputStream in) throws IOException {
        return new TarArchiveInputStream(new GzipCompressorInputStream(new NonClosing(in)));
    }

    private void readControl(InputStream in) throws IOException {
        try (TarArchiveInputStream tar = tarGz(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    String name = normalise(e.getName()).substring(1);
                    controlFiles.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                    controlModes.put(name, e.getMode() & 07777);
                }
            }
        }
    }

    private void readDataIndex(InputStream in) throws IOException {
        try (TarArchiveInputStream tar = tarGz(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = normalise(e.getName());
                data.put(path, new Entry(path, e.getMode() & 07777, e.getUserName(), e.getGroupName(),
                        e.getSize(), e.isDirectory()));
            }
        }
    }

    /** "./etc/x/" and "etc/x" both become "/etc/x". */
    static String normalise(String tarName) {
        String p = tarName.startsWith("./") ? tarName.substring(1) : tarName;
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The fields of the control file (continuation lines joined with newlines). */
    Map<String, String> control() {
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : controlFiles.getOrDefault("control", "").split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && last != null) {
                fields.put(last, fields.get(last) + "\n" + line.strip());
            } else {
                int colon = line.indexOf(':');
                last = line.substring(0, colon);
                fields.put(last, line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    List<String> conffiles() {
        return controlFiles.getOrDefault("conffiles", "").lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    /** Streams one data file to the reader; empty when the package has no such file. */
    <T> Optional<T> readData(String path, DataReader<T> reader) {
        try (ArArchiveInputStream ar = openAr()) {
            ArArchiveEntry member;
            while ((member = ar.getNextEntry()) != null) {
                if (!member.getName().equals("data.tar.gz")) {
                    continue;
                }
                try (TarArchiveInputStream tar = tarGz(ar)) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        if (normalise(e.getName()).equals(path)) {
                            return Optional.of(reader.read(new NonClosing(tar)));
                        }
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from " + file, e);
        }
    }

    String dataText(String path) {
        return readData(path, in -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }).orElseThrow(() -> new AssertionError(file.getFileName() + " has no " + path));
    }

    /** Keeps the outer archive open when an inner reader closes its stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
