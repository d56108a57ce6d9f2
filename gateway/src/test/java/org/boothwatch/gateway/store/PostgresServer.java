package org.boothwatch.gateway.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.boothwatch.gateway.broker.EmbeddedBroker;

/**
 * A throwaway PostgreSQL server from Debian's {@code postgresql} package: its own cluster in a temp folder,
 * on a free port, on 127.0.0.1 only, trust auth. Postgres refuses to run as root, so as root the server runs
 * as the {@code postgres} user (runuser); as any other user it runs as that user. Missing binaries fail the
 * test with how to install them: a store nobody has run against PostgreSQL is exactly what this guards.
 */
final class PostgresServer implements AutoCloseable {
    static final String DATABASE = "boothwatch";

    private final Path bin;
    private final Path root;
    private final Path pgdata;
    private final List<String> asUser;
    final int port;

    private PostgresServer(Path bin, Path root, List<String> asUser, int port) {
        this.bin = bin;
        this.root = root;
        this.pgdata = root.resolve("data");
        this.asUser = asUser;
        this.port = port;
    }

    static PostgresServer start() throws Exception {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asUser = new ArrayList<>();
        Path dir = Files.createTempDirectory("bw-pg");
        if (root) {
            Path runuser = Path.of("/usr/sbin/runuser");
            if (!Files.isExecutable(runuser)) {
                throw new IllegalStateException("running as root, PostgreSQL must run as user 'postgres', but " + runuser
                        + " is missing (util-linux)");
            }
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            try {
                Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            } catch (IOException e) {
                throw new IllegalStateException("running as root, PostgreSQL must run as user 'postgres', which does not"
                        + " exist here: run scripts/install-test-deps (" + e.getMessage() + ")", e);
            }
            asUser.addAll(List.of(runuser.toString(), "-u", "postgres", "--"));
        }
        PostgresServer pg = new PostgresServer(bin, dir, asUser, EmbeddedBroker.freePort());
        try {
            pg.run(60, "initdb", "-D", pg.pgdata.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale",
                    "--no-sync");
            pg.run(30, "pg_ctl", "-D", pg.pgdata.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "20",
                    "-o", "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            try (Connection c = DriverManager.getConnection(pg.url("postgres"), "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (Exception e) {
            pg.close();
            throw e;
        }
        return pg;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String url() {
        return url(DATABASE);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /** The newest /usr/lib/postgresql/<ver>/bin with initdb, or a loud failure saying how to get one. */
    private static Path findBin() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                Path bin = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())))
                        .orElse(null);
                if (bin != null) return bin;
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries under " + base
                + "/<version>/bin (initdb, pg_ctl): run scripts/install-test-deps or apt-get install postgresql");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void run(int timeoutS, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(asUser);
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("bw-pg-" + tool, ".log");
        try {
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish within " + timeoutS + " s: " + cmd + "\n" + log(out));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(tool + " failed (exit " + p.exitValue() + "): " + cmd + "\n" + log(out));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String log(Path out) throws IOException {
        String s = Files.readString(out, StandardCharsets.UTF_8);
        Path server = root.resolve("server.log");
        return Files.exists(server) ? s + "\nserver.log:\n" + Files.readString(server, StandardCharsets.UTF_8) : s;
    }

    /** Stops the server (immediately: it holds nothing we keep) and deletes its folder. */
    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(pgdata.resolve("postmaster.pid"))) run(30, "pg_ctl", "-D", pgdata.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            deleteTree(root);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}
