package org.boothwatch.simulator.booth;

import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.boothwatch.agent.BoothAgent;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.io.SimulatedBoothIo;
import org.boothwatch.agent.mqtt.PahoTransport;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Phase;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.simulator.net.CuttableProxy;
import org.boothwatch.simulator.scenario.BoothAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One virtual booth: the real booth agent on {@link SimulatedBoothIo}, connected to the broker through
 * its own {@link CuttableProxy} (absent for ssl:// brokers, where the proxy would break hostname
 * checks). Input presses and motion pulses are timed on the virtual-time scheduler.
 */
public final class VirtualBooth implements BoothControl, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VirtualBooth.class);
    /** A PIR sensor holds its output high for about a second per movement. */
    private static final long PULSE_MS = 1_000;
    /** A button press. */
    private static final long PRESS_MS = 300;
    /** {@code moving}: a motion pulse this often. */
    private static final long MOVING_EVERY_MS = 5_000;

    private static final ExecutorService LIFECYCLE = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "booth-lifecycle");
        t.setDaemon(true);
        return t;
    });

    private final String id;
    private final AgentConfig config;
    private final SimulatedBoothIo io = new SimulatedBoothIo();
    private final CuttableProxy proxy;
    private final TimeSource time;
    private final ScheduledExecutorService scheduler;
    /** The agent that is running, or null while crashed; read by the checks and the control page. */
    private volatile BoothAgent agent;
    private ScheduledFuture<?> moving;
    /** Whether the agent should be running (set at once; {@link #agent} follows when it has started). */
    private boolean wanted;
    /** Crash and restart run one after the other off the caller's thread (Paho may take a moment). */
    private CompletableFuture<Void> lifecycle = CompletableFuture.completedFuture(null);

    /**
     * @param agentProperties the agent's configuration keys (site, booth, mqtt.uri pointing at the proxy, …)
     * @param proxy           the booth's network, or null when it cannot be cut
     */
    public VirtualBooth(Properties agentProperties, CuttableProxy proxy, TimeSource time, ScheduledExecutorService scheduler)
            throws Exception {
        this.config = AgentConfig.fromProperties(agentProperties);
        this.id = config.booth();
        this.proxy = proxy;
        this.time = time;
        this.scheduler = scheduler;
    }

    @Override
    public String id() {
        return id;
    }

    /** Starts the agent (it connects in the background and keeps retrying). */
    public synchronized void start() {
        if (agent != null) return;
        BoothAgent a = new BoothAgent(config, io, PahoTransport.forAgent(config), time, scheduler);
        a.start();
        agent = a;
        wanted = true;
    }

    @Override
    public synchronized void perform(BoothAction action) {
        switch (action) {
            case ENTER -> io.setOccupied(true);
            case LEAVE -> {
                stopMoving();
                io.setMotion(false);
                io.setOccupied(false);
            }
            case MOVE -> pulse();
            case MOVING -> {
                if (moving == null) {
                    moving = scheduler.scheduleAtFixedRate(this::pulse, 0, MOVING_EVERY_MS, TimeUnit.MILLISECONDS);
                }
            }
            case STILL -> stopMoving();
            case PANIC -> press(true);
            case RESET -> press(false);
            case NET_CUT -> requireProxy(action).cut();
            case NET_RESTORE -> requireProxy(action).restore();
            case CRASH -> {
                BoothAgent a = agent;
                if (!wanted || a == null) throw new IllegalStateException(id + ": the agent is not running");
                wanted = false;
                agent = null;
                lifecycle = lifecycle.thenRunAsync(() -> {
                    a.crash();
                    log.info("{}: agent crashed (no MQTT DISCONNECT)", id);
                }, LIFECYCLE);
            }
            case RESTART -> {
                if (wanted) throw new IllegalStateException(id + ": the agent is already running; crash it first");
                wanted = true;
                BoothAgent a = new BoothAgent(config, io, PahoTransport.forAgent(config), time, scheduler);
                lifecycle = lifecycle.thenRunAsync(() -> {
                    a.start();
                    synchronized (this) {
                        agent = a;
                    }
                    log.info("{}: agent restarted", id);
                }, LIFECYCLE);
            }
        }
    }

    private CuttableProxy requireProxy(BoothAction a) {
        if (proxy == null) {
            throw new IllegalStateException(id + ": " + a.word + " needs a tcp:// broker (booths reach ssl:// brokers directly)");
        }
        return proxy;
    }

    private void pulse() {
        io.setMotion(true);
        scheduler.schedule(() -> io.setMotion(false), PULSE_MS, TimeUnit.MILLISECONDS);
    }

    private void press(boolean panic) {
        if (panic) io.setPanic(true); else io.setReset(true);
        scheduler.schedule(() -> {
            if (panic) io.setPanic(false); else io.setReset(false);
        }, PRESS_MS, TimeUnit.MILLISECONDS);
    }

    private void stopMoving() {
        if (moving != null) {
            moving.cancel(false);
            moving = null;
        }
    }

    @Override
    public Lamp lamp() {
        return io.getLamp();
    }

    @Override
    public Buzzer buzzer() {
        return io.getBuzzer();
    }

    @Override
    public Optional<Phase> phase() {
        BoothAgent a = agent;
        return a == null ? Optional.empty() : Optional.ofNullable(a.snapshot().phase());
    }

    @Override
    public boolean agentRunning() {
        return agent != null;
    }

    /** How often this booth's network has been cut. */
    public long networkCuts() {
        return proxy == null ? 0 : proxy.cuts();
    }

    @Override
    public boolean networkCut() {
        return proxy != null && proxy.isCut();
    }

    @Override
    public boolean occupied() {
        return io.read(org.boothwatch.agent.io.Input.OCCUPANCY);
    }

    @Override
    public synchronized boolean moving() {
        return moving != null;
    }

    /** Clean stop of the agent and its network. */
    @Override
    public synchronized void close() {
        stopMoving();
        lifecycle.join();
        if (agent != null) {
            agent.stop();
            agent = null;
        }
        if (proxy != null) proxy.close();
    }
}
