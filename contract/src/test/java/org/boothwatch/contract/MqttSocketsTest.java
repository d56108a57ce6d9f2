package org.boothwatch.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/** The factories themselves; that the agent's PahoTransport really uses them is tested in booth-agent. */
class MqttSocketsTest {
    @Test
    void plainAndTlsFactoriesSwitchNagleOff() throws IOException {
        SocketFactory plain = MqttSockets.forUri("tcp://127.0.0.1:1883", null);
        SocketFactory tls = MqttSockets.forUri("ssl://127.0.0.1:8883", null);
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
    void plainSocketsBufferTheirReadsAndATimedOutReadLosesNothing() throws IOException {
        SocketFactory plain = MqttSockets.forUri("tcp://127.0.0.1:1883", null);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Socket client = plain.createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
            try (Socket peer = server.accept()) {
                InputStream in = client.getInputStream();
                assertInstanceOf(BufferedInputStream.class, in);
                assertSame(in, client.getInputStream(), "one stream per socket: buffered bytes are never stranded");
                OutputStream out = peer.getOutputStream();
                out.write(new byte[] {0x30, 3, 'a', 'b', 'c'});
                out.flush();
                assertEquals(0x30, in.read());
                assertEquals(3, in.read());
                client.setSoTimeout(100); // as Paho does, to look at its stop flag now and then
                assertArrayEquals(new byte[] {'a', 'b', 'c'}, in.readNBytes(3));
                assertThrows(SocketTimeoutException.class, in::read);
                out.write(new byte[] {0x40, 2, 0, 7});
                out.flush();
                assertArrayEquals(new byte[] {0x40, 2, 0, 7}, in.readNBytes(4), "after a timeout the next bytes arrive whole");
            }
        }
    }

    @Test
    void aFactoryOfTheWrongKindIsLeftForPahoToReport() {
        SocketFactory sslOnTcp = SSLSocketFactory.getDefault();
        assertSame(sslOnTcp, MqttSockets.forUri("tcp://h:1883", sslOnTcp));
    }
}
