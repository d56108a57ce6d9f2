package org.boothwatch.agent.selftest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The selftest's port to the site's MQTT broker: one connection with the booth's credentials and TLS under a
 * client id of its own (so the agent's persistent session is left alone), and a look at the gateways'
 * retained status. {@link PahoBrokerCheck} is the implementation.
 */
public interface BrokerCheck extends AutoCloseable {

    /** A gateway status seen on the broker; {@code problem} is set (and online false) when it was malformed. */
    record GatewaySeen(String gatewayId, boolean online, Instant at, String problem) {}

    /** What the check connects to and how, for the technician (URI, client id, user, TLS). */
    String describe();

    /**
     * Connects once (no retry).
     * @throws BrokerCheckException with a reason a technician can act on (refused, unknown host, TLS, credentials)
     */
    void connect() throws BrokerCheckException;

    /**
     * Subscribes to {@code topicFilter} and gathers the retained gateway statuses for up to {@code wait},
     * returning as soon as one says online.
     */
    List<GatewaySeen> gateways(String topicFilter, Duration wait) throws BrokerCheckException;

    /** Disconnects cleanly; never throws. */
    @Override
    void close();
}
