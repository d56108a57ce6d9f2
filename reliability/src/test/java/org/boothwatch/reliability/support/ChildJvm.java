package org.boothwatch.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program's runnable jar (as a site would) in a child JVM, with its output in a file. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The runnable jar named by system property {@code prop} (set by the reliability pom). */
    public static Path jar(String prop) {
        String p = System.getProperty(prop);
        if (p == null) throw new IllegalStateException("system property " + prop + " is not set (run through mvn verify)");
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " does not exist: run `mvn package` for that module first");
        return jar;
    }

    public static ChildJvm start(Path jar, Path output, List<String> jvmArgs, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            // A failed or interrupted test run must not leave gateways or agents behind.
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
            return new ChildJvm(p, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Exit code, or -1 (and the process killed) when it did not exit within {@code seconds}. */
    public int waitFor(long seconds) {
        try {
            if (process.waitFor(seconds, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill9();
        return -1;
    }

    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void kill9() {
        if (process.isAlive()) Signals.cont(process.pid());
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void freeze() {
        Signals.stop(process.pid());
    }

    public void thaw() {
        Signals.cont(process.pid());
    }

    @Override
    public void close() {
        if (process.isAlive()) kill9();
    }
}
