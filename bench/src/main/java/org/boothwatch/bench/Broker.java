package org.boothwatch.bench;

import java.nio.file.Path;
import org.boothwatch.gateway.broker.EmbeddedBroker;

/** The broker under test: the gateway's embedded HiveMQ CE, or a Mosquitto child process. */
interface Broker extends AutoCloseable {
    String name();

    String uri();

    @Override
    void close();

    static Broker embedded(Path home) {
        EmbeddedBroker b = EmbeddedBroker.start("127.0.0.1", EmbeddedBroker.freePort(), home, true);
        return new Broker() {
            public String name() { return "embedded"; }
            public String uri() { return b.uri(); }
            public void close() { b.close(); }
        };
    }
}
