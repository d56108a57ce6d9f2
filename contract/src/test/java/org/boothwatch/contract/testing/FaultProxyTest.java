package org.boothwatch.contract.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    final ServerSocket echo = echoServer();
    final FaultProxy proxy = new FaultProxy(echo.getLocalPort());

    @AfterEach
    void tearDown() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void relaysBothWays() throws IOException {
        try (Socket s = connect()) {
            assertEquals('a', roundTrip(s, 'a'));
        }
    }

    @Test
    void aCutSwallowsBytesKeepsConnectionsOpenAndHoldsNewOnesUntilRestored() throws IOException {
        try (Socket open = connect()) {
            assertEquals('a', roundTrip(open, 'a'));
            proxy.cut();
            assertThrows(SocketTimeoutException.class, () -> roundTrip(open, 'b'), "swallowed, not closed");
            try (Socket late = connect()) {
                await().atMost(WAIT).until(() -> proxy.held() == 1);
                assertThrows(SocketTimeoutException.class, () -> roundTrip(late, 'c'), "held unanswered");
                proxy.restore();
                assertClosed(open);
                assertClosed(late);
            }
        }
        try (Socket s = connect()) {
            assertEquals('d', roundTrip(s, 'd'));
        }
    }

    @Test
    void aStallClosesOpenConnectionsAndARelayLeavesHeldOnesHeld() throws IOException {
        try (Socket open = connect()) {
            assertEquals('a', roundTrip(open, 'a'));
            proxy.stall();
            assertClosed(open);
        }
        try (Socket late = connect()) {
            await().atMost(WAIT).until(() -> proxy.held() == 1);
            proxy.relay();
            assertThrows(SocketTimeoutException.class, () -> roundTrip(late, 'b'), "still held");
            try (Socket s = connect()) {
                assertEquals('c', roundTrip(s, 'c'));
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(500);
        return s;
    }

    private static int roundTrip(Socket s, char c) throws IOException {
        s.getOutputStream().write(c);
        s.getOutputStream().flush();
        return s.getInputStream().read();
    }

    private static void assertClosed(Socket s) throws IOException {
        s.setSoTimeout((int) WAIT.toMillis());
        try {
            assertEquals(-1, s.getInputStream().read(), "closed by the proxy");
        } catch (SocketException reset) {
            // closed by the proxy while we wrote: fine too
        }
    }

    private static ServerSocket echoServer() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        daemon(() -> echo(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            int b;
            while ((b = in.read()) >= 0) s.getOutputStream().write(b);
        } catch (IOException e) {
            // the proxy closed it
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "echo");
        t.setDaemon(true);
        t.start();
    }
}
