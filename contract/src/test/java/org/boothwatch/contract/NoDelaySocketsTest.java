package org.boothwatch.contract;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The factories themselves; that the agent's PahoTransport really uses them is tested in booth-agent. */
class NoDelaySocketsTest {
    @Test
    void plainAndTlsFactoriesSwitchNagleOff() throws IOException {
        SocketFactory plain = NoDelaySockets.forUri("tcp://127.0.0.1:1883", null);
        SocketFactory tls = NoDelaySockets.forUri("ssl://127.0.0.1:8883", null);
        assertTrue(!(plain instanceof SSLSocketFactory), "tcp:// needs a plain factory or Paho refuses it");
        assertInstanceOf(SSLSocketFactory.class, tls, "ssl:// needs an SSLSocketFactory or Paho refuses it");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket a = plain.createSocket(); Socket b = tls.createSocket();
             Socket c = plain.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            assertTrue(a.getTcpNoDelay());
            assertTrue(b.getTcpNoDelay());
            assertTrue(c.getTcpNoDelay());
        }
    }

    @Test
    void aFactoryOfTheWrongKindIsLeftForPahoToReport() {
        SocketFactory sslOnTcp = SSLSocketFactory.getDefault();
        assertSame(sslOnTcp, NoDelaySockets.forUri("tcp://h:1883", sslOnTcp));
    }
}
