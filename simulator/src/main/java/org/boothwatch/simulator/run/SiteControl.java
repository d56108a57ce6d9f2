package org.boothwatch.simulator.run;

/** The parts of a site a scenario can restart; only an in-process site can do it. */
public interface SiteControl {
    /** Stops the gateway (as a process kill would) and starts it again on the same data. */
    void restartGateway() throws Exception;

    /** Stops the broker and starts it again on the same port and data. */
    void restartBroker() throws Exception;

    /** Why restarts are impossible here, or null when they are possible. */
    default String restartsUnsupported() {
        return null;
    }
}
