package org.boothwatch.reliability.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.boothwatch.agent.BoothAgent;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.AlarmType;
import org.boothwatch.contract.TimeSource;

/**
 * One booth running the real agent code (BoothAgent, PahoTransport, disk queue) on simulated IO, in this
 * JVM. It records every alarm id the booth itself raised, to compare with what the gateway recorded.
 */
public final class Booth implements AutoCloseable {
    private final Map<String, String> settings;
    private final SimulatedBoothIo io = new SimulatedBoothIo();
    /** Every alarm this booth raised, across agent restarts, in order. */
    public final List<String> raised = new ArrayList<>();
    private BoothAgent agent;
    private ScheduledExecutorService scheduler;

    /** {@code extra} overrides (mqtt.uri, credentials, TLS...) on top of test defaults. */
    public Booth(String site, String booth, Path queueDir, Map<String, String> extra) {
        settings = new LinkedHashMap<>();
        settings.put("site", site);
        settings.put("booth", booth);
        settings.put("gpio.provider", "mock");
        settings.put("queue.dir", queueDir.toString());
        settings.put("tickInterval", "100ms");
        settings.putAll(extra);
    }

    public AgentConfig config() {
        Properties p = new Properties();
        p.putAll(settings);
        try {
            return AgentConfig.fromProperties(p);
        } catch (Exception e) {
            throw new IllegalStateException("bad test agent config " + settings + ": " + e.getMessage(), e);
        }
    }

    /** Starts a new agent process-equivalent (new bootId) on the same queue folder and IO. */
    public Booth start() {
        AgentConfig cfg = config();
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "agent-" + cfg.booth());
            t.setDaemon(true);
            return t;
        });
        agent = new BoothAgent(cfg, io, PahoTransport.forAgent(cfg), TimeSource.SYSTEM, scheduler);
        agent.start();
        return this;
    }

    public BoothAgent agent() {
        return agent;
    }

    public SimulatedBoothIo io() {
        return io;
    }

    public Set<String> activeAlarmIds() {
        return agent.snapshot().alarms().stream().map(AlarmInfo::id).collect(Collectors.toSet());
    }

    /** Presses and releases the panic button; returns the id of the PANIC alarm the booth raised. */
    public String panic() {
        Set<String> before = activeAlarmIds();
        io.setPanic(true);
        io.setPanic(false);
        String id = await("PANIC raised at " + settings.get("booth")).atMost(Duration.ofSeconds(5)).until(() ->
                agent.snapshot().alarms().stream().filter(a -> a.type() == AlarmType.PANIC && !before.contains(a.id()))
                        .map(AlarmInfo::id).findFirst().orElse(null), java.util.Objects::nonNull);
        raised.add(id);
        return id;
    }

    /** Staff press the reset at the booth: every latched alarm ends. */
    public void reset() {
        io.setReset(true);
        io.setReset(false);
        await("reset at " + settings.get("booth")).atMost(Duration.ofSeconds(5)).until(() -> agent.snapshot().alarms().isEmpty());
    }

    /** Like a power cut: the agent dies without DISCONNECT; its disk queue stays. */
    public void crash() {
        agent.crash();
        scheduler.shutdownNow();
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.crash();
            scheduler.shutdownNow();
        }
    }
}
