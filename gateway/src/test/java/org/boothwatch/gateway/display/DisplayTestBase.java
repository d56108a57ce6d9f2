package org.boothwatch.gateway.display;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.gateway.it.FakeBooth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of the display tests in a real browser: Debian's headless Chromium at the TV's size, a real gateway
 * with its embedded broker, booths as plain Paho clients ({@link FakeBooth}). All closed after each test.
 */
abstract class DisplayTestBase {
    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;

    @TempDir
    Path data;

    Gateway gateway;
    HeadlessChromium chromium;
    DisplayPage page;
    final List<FakeBooth> booths = new ArrayList<>();

    @BeforeEach
    void startBrowser() throws Exception {
        chromium = new HeadlessChromium(WIDTH, HEIGHT);
        page = new DisplayPage(chromium.driver);
    }

    @AfterEach
    void stop() throws Exception {
        for (FakeBooth b : booths) {
            try {
                b.close();
            } catch (Exception ignored) {
                // crashed on purpose, or the broker is already gone
            }
        }
        try {
            if (chromium != null) chromium.close();
        } finally {
            if (gateway != null) gateway.close();
        }
    }

    /** Starts the gateway for {@code site}; {@code staffToken} may be null (no token needed). */
    void startGateway(String site, String staffToken, TimeSource time) {
        GatewayConfig cfg = GatewayConfig.defaults()
                .withSite(site)
                .withHttpBind("127.0.0.1").withHttpPort(0)
                .withBroker("127.0.0.1", EmbeddedBroker.freePort(), false)
                .withDataDir(data)
                // Test booths send no heartbeats: only a Last Will may take them offline here.
                .withHeartbeatInterval(Duration.ofMinutes(1))
                .withStaffToken(staffToken);
        gateway = Gateway.start(cfg, time);
        await().atMost(10, TimeUnit.SECONDS).until(gateway::mqttConnected);
    }

    /** Opens the display, waits until it is live, and lets it sound. */
    void openDisplay() {
        page.open(gateway.httpPort());
        await("display live").atMost(10, TimeUnit.SECONDS).until(page::live);
        page.enableSoundIfAsked();
    }

    /** A born booth of {@code site} on the gateway's broker, closed after the test. */
    FakeBooth booth(String site, String id, String version) throws Exception {
        FakeBooth b = FakeBooth.born(gateway.brokerUri(), site, id, version);
        booths.add(b);
        return b;
    }
}
