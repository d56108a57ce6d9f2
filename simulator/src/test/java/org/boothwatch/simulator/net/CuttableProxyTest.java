package org.boothwatch.simulator.net;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a real echo server on a free port. */
class CuttableProxyTest {
    private ServerSocket echo;
    private CuttableProxy proxy;

    @BeforeEach
    void setUp() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // peer reset
                        }
                    }).start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        proxy = new CuttableProxy("b01", "127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void tearDown() throws IOException {
        proxy.close();
        echo.close();
    }

    private Socket open() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(5_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes());
        out.flush();
        byte[] buf = s.getInputStream().readNBytes(text.length());
        return new String(buf);
    }

    @Test
    void relaysBytesBothWays() throws IOException {
        try (Socket s = open()) {
            assertEquals("hello", roundTrip(s, "hello"));
            assertEquals(1, proxy.connections());
        }
    }

    @Test
    void cutResetsOpenConnectionsAndRefusesNewOnesUntilRestore() throws IOException {
        Socket s = open();
        assertEquals("before", roundTrip(s, "before"));
        proxy.cut();
        assertTrue(proxy.isCut());
        // the open connection is dead: reading ends in a reset or end of stream, never in data
        InputStream in = s.getInputStream();
        assertThrows(IOException.class, () -> {
            if (in.read() < 0) throw new IOException("closed");
        });
        s.close();
        assertEquals(0, proxy.connections());

        Socket during = open();
        assertThrows(IOException.class, () -> {
            during.getOutputStream().write("x".getBytes());
            if (during.getInputStream().read() < 0) throw new IOException("closed");
        });
        during.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.refused() >= 1);

        proxy.restore();
        try (Socket after = open()) {
            assertEquals("after", roundTrip(after, "after"));
        }
    }
}
