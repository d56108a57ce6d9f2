package org.boothwatch.simulator.run;

import java.net.URI;
import java.nio.file.Path;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.gateway.Gateway;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-contained site: an embedded broker (file persistence, so sessions, queued QoS 1 messages
 * and retained messages survive {@code broker restart}) and a gateway in this JVM, on the shared
 * virtual clock. {@code gateway restart} kills the gateway (its Last Will fires) and starts it again
 * on the same data and HTTP port.
 */
public final class InProcessSite implements SiteControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InProcessSite.class);

    private final EmbeddedBroker broker;
    private final GatewayConfig config;
    private final TimeSource time;
    private volatile Gateway gateway;

    private InProcessSite(EmbeddedBroker broker, GatewayConfig config, TimeSource time, Gateway gateway) {
        this.broker = broker;
        this.config = config;
        this.time = time;
        this.gateway = gateway;
    }

    /**
     * @param brokerPort 0 for a free port
     * @param httpBind   where the gateway's HTTP (the wall display) listens
     * @param httpPort   0 for a free port
     */
    public static InProcessSite start(String site, Path dataDir, int brokerPort, String httpBind, int httpPort, TimeSource time) {
        int port = brokerPort == 0 ? EmbeddedBroker.freePort() : brokerPort;
        EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dataDir.resolve("broker"), true);
        try {
            GatewayConfig cfg = GatewayConfig.defaults()
                    .withSite(site)
                    .withMqttUri(broker.uri())
                    .withDataDir(dataDir.resolve("gateway"))
                    .withHttpBind(httpBind)
                    .withHttpPort(httpPort);
            Gateway gw = Gateway.start(cfg, time);
            // a restarted gateway keeps the HTTP port it got, so the display and the runner stay connected
            return new InProcessSite(broker, cfg.withHttpPort(gw.httpPort()), time, gw);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String brokerUri() {
        return broker.uri();
    }

    public int brokerPort() {
        return broker.port();
    }

    public URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + gateway.httpPort() + "/");
    }

    public int httpPort() {
        return gateway.httpPort();
    }

    @Override
    public synchronized void restartGateway() {
        log.info("killing the gateway (as a crash would) and starting it again");
        gateway.kill();
        gateway = Gateway.start(config, time);
    }

    @Override
    public synchronized void restartBroker() {
        log.info("restarting the embedded broker");
        broker.restart("127.0.0.1");
    }

    @Override
    public synchronized void close() {
        try {
            gateway.close();
        } finally {
            broker.close();
        }
    }
}
