package org.boothwatch.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.boothwatch.gateway.provision.ProvisionCommand;
import org.eclipse.paho.client.mqttv3.MqttException;

/** A site made by the real {@code gateway provision} into a test folder, with its broker on a free port. */
public final class Site {
    private final Path dir;
    private final String site;
    private final int port;
    private final Map<String, String> passwords = new HashMap<>();

    private Site(Path dir, String site, int port) {
        this.dir = dir;
        this.site = site;
        this.port = port;
    }

    public static Site provision(Path dir, String site, String... booths) {
        int port = Mosquitto.freePort();
        Path abs = dir.toAbsolutePath();
        int rc = ProvisionCommand.run("--site", site, "--booths", String.join(",", booths), "--out", abs.toString(),
                "--port", Integer.toString(port), "--mosquitto-dir", abs.resolve("mosquitto").toString(),
                "--persistence-dir", abs.resolve("broker-data").toString(), "--ca-path", abs.resolve("ca/ca.crt").toString());
        if (rc != 0) throw new IllegalStateException("gateway provision exited " + rc);
        Site s = new Site(abs, site, port);
        try {
            Files.createDirectories(abs.resolve("broker-data"));
            for (String b : booths) s.load(s.boothProperties(b));
            s.load(s.gatewayProperties());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    private void load(Path props) throws IOException {
        Properties p = properties(props);
        passwords.put(p.getProperty("mqtt.username"), p.getProperty("mqtt.password"));
    }

    public static Properties properties(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public Path dir() { return dir; }
    public String id() { return site; }
    public int port() { return port; }
    public Path mosquittoConf() { return dir.resolve("mosquitto/mosquitto.conf"); }
    public Path caPem() { return dir.resolve("ca/ca.crt"); }
    public Path boothProperties(String booth) { return dir.resolve("booths/" + booth + ".properties"); }
    public Path gatewayProperties() { return dir.resolve("gateway/gw1.properties"); }
    public String password(String user) { return passwords.get(user); }

    /** The URI the snippets use ({@code ssl://localhost:port}); the certificate names localhost. */
    public String tlsUri(Mosquitto broker) {
        return "ssl://localhost:" + broker.port();
    }

    public TestClient gateway(Mosquitto broker) throws MqttException {
        String user = "gateway-" + site + "-gw1";
        return TestClient.connect(tlsUri(broker), user, user, password(user), caPem(), true);
    }

    public TestClient booth(Mosquitto broker, String booth) throws MqttException {
        String user = "booth-" + site + "-" + booth;
        return TestClient.connect(tlsUri(broker), user, user, password(user), caPem(), true);
    }

    public List<String> users() {
        return List.copyOf(passwords.keySet());
    }
}
