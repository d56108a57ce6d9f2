package org.boothwatch.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.regex.Pattern;

/**
 * Checks of a parsed config against this machine, before anything starts: values that parse but cannot
 * work (an unreadable CA file, an address this host does not have, a data folder it cannot write) are
 * rejected as bad config, naming the key, the value and what is allowed.
 */
public final class Preflight {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\-]{1,253}");
    private static final Pattern DOTTED = Pattern.compile("\\d+(\\.\\d+){1,3}");

    private Preflight() {}

    /** @throws ConfigException for the first value that cannot work here */
    public static void check(GatewayConfig cfg) {
        if (cfg.mqttTlsCaFile() != null) caFile(cfg.mqttTlsCaFile());
        if (cfg.embeddedBroker()) listen("broker.bind", cfg.brokerBind(), "broker.port", cfg.brokerPort());
        listen("http.bind", cfg.httpBind(), "http.port", cfg.httpPort());
        boolean sqliteInDataDir = cfg.storeJdbcUrl() == null;
        if (sqliteInDataDir || (cfg.embeddedBroker() && cfg.brokerPersistent())) {
            writableDir("data.dir", cfg.dataDir().toString(), cfg.dataDir());
        }
        if (cfg.storeJdbcUrl() != null && cfg.storeJdbcUrl().startsWith("jdbc:sqlite:")) {
            String file = cfg.storeJdbcUrl().substring("jdbc:sqlite:".length());
            if (!file.isEmpty() && !file.startsWith(":") && !file.startsWith("file:")) {
                Path parent = Path.of(file).toAbsolutePath().getParent();
                if (parent != null) writableDir("store.jdbcUrl", cfg.storeJdbcUrl(), parent);
            }
        }
    }

    /** At least one X.509 certificate in PEM (or DER) form. */
    static void caFile(Path file) {
        String allowed = "a readable PEM file holding the CA certificate(s) to trust";
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new ConfigException("mqtt.tls.caFile", file.toString(), allowed + " (no certificate found in it)");
            }
        } catch (IOException | CertificateException e) {
            throw new ConfigException("mqtt.tls.caFile", file.toString(), allowed + " (not a certificate)");
        }
    }

    /** An address of this host (or 0.0.0.0 / ::) that can be listened on, and the port free there. */
    static void listen(String bindKey, String bind, String portKey, int port) {
        String allowed = "an IP address of this machine (0.0.0.0 = all, 127.0.0.1 = this machine only) or a host name resolving to one";
        InetAddress addr = address(bindKey, bind, allowed);
        if (!tryBind(addr, 0)) throw new ConfigException(bindKey, bind, allowed + " (" + addr.getHostAddress() + " cannot be listened on here)");
        if (port != 0 && !tryBind(addr, port)) {
            throw new ConfigException(portKey, Integer.toString(port), "a free port on " + bind
                    + " (it is in use by another program, or below 1024 and not permitted to this user)");
        }
    }

    private static InetAddress address(String key, String v, String allowed) {
        if (!HOST.matcher(v).matches()) throw new ConfigException(key, v, allowed);
        if (DOTTED.matcher(v).matches()) {
            String[] parts = v.split("\\.");
            if (parts.length != 4) throw new ConfigException(key, v, allowed);
            for (String part : parts) {
                if (part.length() > 3 || Integer.parseInt(part) > 255) throw new ConfigException(key, v, allowed);
            }
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new ConfigException(key, v, allowed + " (unknown host)");
        }
    }

    private static boolean tryBind(InetAddress addr, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(addr, port));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Creates the folder if needed and proves it writable with a scratch file. */
    static void writableDir(String key, String value, Path dir) {
        String allowed = "a folder this user can create and write";
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(key, value, allowed + " (" + why(e) + ")");
        }
    }

    private static String why(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name is in the way";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "a parent folder is missing";
        if (e instanceof java.nio.file.FileSystemException fe && fe.getReason() != null) return fe.getReason();
        return "cannot write there";
    }
}
