package org.boothwatch.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.boothwatch.contract.Topics;
import org.boothwatch.reliability.support.Mosquitto;
import org.boothwatch.reliability.support.Site;
import org.boothwatch.reliability.support.TestClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `gateway provision` generates, run by a real Mosquitto: TLS only, no anonymous access, the
 * generated passwords accepted, and the ACL keeping each booth to its own topics.
 */
class ProvisionedBrokerIT {
    @TempDir static Path tmp;
    static Site site;
    static Mosquitto broker;

    @BeforeAll
    static void provision() {
        site = Site.provision(tmp.resolve("site"), "s1", "b01", "b02");
        broker = Mosquitto.provisioned(tmp.resolve("broker"), site.mosquittoConf(), site.port());
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    @Test
    void listensOnlyOnTheTlsPort() {
        String log = broker.log();
        assertTrue(log.contains("Opening ipv4 listen socket on port " + site.port()), log);
        assertEquals(1, log.lines().filter(l -> l.contains("Opening ipv4 listen socket")).count(), log);
    }

    @Test
    void gatewayAndBoothCredentialsWorkOverTlsWithHostnameCheck() throws Exception {
        try (TestClient gw = site.gateway(broker).subscribe(Topics.root("s1") + "/#", 1);
             TestClient b01 = site.booth(broker, "b01")) {
            String topic = Topics.event("s1", "b01");
            b01.publish(topic, "{\"hello\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(5)).until(() -> gw.on(topic).size() == 1);
        }
    }

    @Test
    void boothCannotPublishAsAnotherBoothNorReadItsCommands() throws Exception {
        try (TestClient gw = site.gateway(broker).subscribe(Topics.root("s1") + "/#", 1);
             TestClient b02 = site.booth(broker, "b02").subscribe(Topics.cmd("s1", "b01"), 1)
                     .subscribe(Topics.root("s1") + "/booth/+/event", 1)) {
            String spoofed = Topics.event("s1", "b01");
            b02.publish(spoofed, "{\"spoof\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            gw.publish(Topics.cmd("s1", "b01"), "{\"cmd\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            String own = Topics.event("s1", "b02");
            b02.publish(own, "{\"own\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
            // The broker processes a client's packets in order: once b02's own event is through, the spoof was judged.
            await().atMost(Duration.ofSeconds(5)).until(() -> gw.on(own).size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.log().contains("Denied PUBLISH from booth-s1-b02"));
            assertEquals(0, gw.on(spoofed).size());
            assertEquals(0, b02.on(Topics.cmd("s1", "b01")).size());
            assertEquals(0, b02.on(spoofed).size());
        }
    }

    @Test
    void boothCredentialCannotTakeOverAnotherBoothsSession() throws Exception {
        try (TestClient b01 = site.booth(broker, "b01");
             TestClient thief = TestClient.connect(site.tlsUri(broker), "booth-s1-b01", "booth-s1-b02", site.password("booth-s1-b02"),
                     site.caPem(), true)) {
            assertTrue(thief.isConnected());
            // The client id is replaced by the user name, so the real b01 stays connected.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(b01::isConnected);
        }
    }

    @Test
    void wrongPasswordAnonymousPlainTcpAndWrongCaAreRefused() throws Exception {
        MqttSecurityException bad = assertThrows(MqttSecurityException.class, () -> TestClient.connect(site.tlsUri(broker),
                "booth-s1-b01", "booth-s1-b01", "not-the-password", site.caPem(), true));
        assertTrue(bad.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED
                || bad.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION, bad.toString());
        assertThrows(MqttSecurityException.class, () -> TestClient.connect(site.tlsUri(broker), "booth-s1-b01", null, null, site.caPem(), true));
        MqttException plain = assertThrows(MqttException.class, () -> TestClient.connect(broker.uri(), "booth-s1-b01",
                "booth-s1-b01", site.password("booth-s1-b01"), null, true));
        assertFalse(plain instanceof MqttSecurityException && plain.getReasonCode() == 0, plain.toString());
        Site other = Site.provision(tmp.resolve("other-site"), "s1", "b01");
        MqttException wrongCa = assertThrows(MqttException.class, () -> TestClient.connect(site.tlsUri(broker), "booth-s1-b01",
                "booth-s1-b01", site.password("booth-s1-b01"), other.caPem(), true));
        assertTrue(String.valueOf(wrongCa.getCause()).contains("SSLHandshakeException"), String.valueOf(wrongCa.getCause()));
    }
}
