package org.boothwatch.simulator.run;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Looks at the gateway again and again on its own thread, so a slow or restarting gateway never
 * stalls the scenario's timeline or the checks of the booths' own lamp and buzzer. Each look records
 * the virtual time it started: a check only trusts a look that began after the step's time.
 */
final class GatewayPoller implements AutoCloseable {
    /** A look at the gateway that started at {@code startedAt} (virtual nanos from the run's start). */
    record Look(long startedAt, Observation observation) {}

    private final GatewayClient gateway;
    private final Instant since;
    private final LongSupplier virtualNow;
    private final Thread thread;
    private volatile Look latest;
    private volatile boolean stopped;

    GatewayPoller(GatewayClient gateway, Instant since, LongSupplier virtualNow) {
        this.gateway = gateway;
        this.since = since;
        this.virtualNow = virtualNow;
        this.thread = new Thread(this::loop, "gateway-poller");
        thread.setDaemon(true);
        thread.start();
    }

    Look latest() {
        return latest;
    }

    private void loop() {
        while (!stopped) {
            long started = virtualNow.getAsLong();
            Observation o;
            try {
                o = new Observation(gateway.booths(), gateway.alarmsSince(since), null);
            } catch (IOException e) {
                o = new Observation(Map.of(), List.of(), e.getMessage());
            }
            latest = new Look(started, o);
            try {
                Thread.sleep(o.gatewayError() == null ? 5 : 50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
