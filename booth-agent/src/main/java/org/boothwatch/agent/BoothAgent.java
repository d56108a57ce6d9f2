package org.boothwatch.agent;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.core.BoothStateMachine;
import org.boothwatch.agent.core.CommandResult;
import org.boothwatch.agent.io.BoothIo;
import org.boothwatch.agent.io.BoothIoException;
import org.boothwatch.agent.io.Input;
import org.boothwatch.agent.mqtt.MqttTransport;
import org.boothwatch.agent.queue.ActiveAlarmStore;
import org.boothwatch.agent.queue.DiskQueue;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Inputs;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.PayloadException;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One booth: feeds inputs, commands and ticks into the state machine under one lock, drives the outputs,
 * and publishes. The tick loop (on the given scheduler, every tickInterval of real time) also polls the
 * inputs (a missed edge is caught) and sends the heartbeat, so a heartbeat proves the sensing loop runs.
 * MQTT callbacks only hand work to the scheduler; they never take the lock.
 */
public final class BoothAgent {
    private static final Logger log = LoggerFactory.getLogger(BoothAgent.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentConfig cfg;
    private final BoothIo io;
    private final MqttTransport transport;
    private final TimeSource time;
    private final ScheduledExecutorService scheduler;
    private final String bootId;
    private final String name;
    private final GatewayWatch gateways = new GatewayWatch();
    private final AtomicLong malformed = new AtomicLong();

    private BoothStateMachine machine;
    private Publisher publisher;
    private DiskQueue queue;
    private ActiveAlarmStore alarmStore;
    private ScheduledFuture<?> tickTask;
    private boolean running;
    private long startNanos;
    private long lastHeartbeatNanos;
    private boolean heartbeatSent;
    private Outputs appliedOutputs;
    private List<AlarmInfo> savedAlarms = List.of();

    public BoothAgent(AgentConfig cfg, BoothIo io, MqttTransport transport, TimeSource time, ScheduledExecutorService scheduler) {
        this.cfg = cfg;
        this.io = io;
        this.transport = transport;
        this.time = time;
        this.scheduler = scheduler;
        this.bootId = HexFormat.of().formatHex(randomBytes());
        this.name = cfg.site() + "/" + cfg.booth();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Random per agent start; prefixes alarm ids, so they are unique across restarts. */
    public String bootId() {
        return bootId;
    }

    public synchronized void start() {
        if (machine != null) throw new IllegalStateException("an agent starts once; create a new one to restart");
        queue = new DiskQueue(cfg.queueDir().resolve("outbox"));
        alarmStore = new ActiveAlarmStore(cfg.queueDir().resolve("active-alarms.json"));
        machine = new BoothStateMachine(bootId, new BoothStateMachine.Thresholds(cfg.warnAfter(), cfg.alarmAfter(),
                cfg.maxOccupancy(), cfg.motionWhileVacantAfter(), BoothStateMachine.TEST_FLASH, BoothStateMachine.TEST_BEEP));
        publisher = new Publisher(cfg, bootId, transport, queue, time);
        savedAlarms = alarmStore.load();
        machine.restore(savedAlarms);
        if (!savedAlarms.isEmpty()) log.warn("{}: {} alarm(s) still active from before the restart: {}", name,
                savedAlarms.size(), savedAlarms.stream().map(a -> a.type() + " " + a.id()).toList());
        startNanos = time.nanos();
        running = true;
        Map<Input, String> unreadable = new java.util.EnumMap<>(Input.class);
        machine.start(readInitialInputs(unreadable), startNanos, time.now());
        unreadable.forEach((in, why) -> machine.inputUnreadable(in, why, startNanos, time.now()));
        afterStep();
        io.setListener(this::onInput);
        transport.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected(boolean reconnect) {
                scheduler.execute(BoothAgent.this::onConnected);
            }

            @Override
            public void connectionLost(String cause) {
                scheduler.execute(BoothAgent.this::onConnectionChange);
            }
        });
        transport.subscribe(Topics.cmd(cfg.site(), cfg.booth()), 1,
                (topic, payload) -> scheduler.execute(() -> onCommand(payload)));
        String gw = cfg.gatewayId().map(id -> Topics.gatewayStatus(cfg.site(), id)).orElse(Topics.allGatewayStatus(cfg.site()));
        transport.subscribe(gw, 1, this::onGatewayStatus);
        // The Will is the offline status of this boot; its seq is taken now, so it is lower than later ones.
        transport.connect(new MqttTransport.Will(Topics.status(cfg.site(), cfg.booth()),
                Json.write(publisher.status(false)), 1, true));
        long tickMs = cfg.tickInterval().toMillis();
        tickTask = scheduler.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        log.info("{}: agent started, bootId {}, phase {}, {} queued event(s)", name, bootId, machine.phase(), queue.size());
    }

    /** Clean stop: offline status (retained), DISCONNECT. The outputs are left to whoever owns the IO. */
    public void stop() {
        synchronized (this) {
            if (!running) return;
            running = false;
            tickTask.cancel(false);
            io.setListener(null);
            if (!publisher.publishStatus(false)) log.warn("{}: offline status not sent (not connected)", name);
        }
        transport.disconnect();
        log.info("{}: agent stopped", name);
    }

    /** Abrupt end, as if the process died: loops stop and the connection drops without DISCONNECT. */
    public void crash() {
        synchronized (this) {
            running = false;
            if (tickTask != null) tickTask.cancel(false);
            io.setListener(null);
        }
        transport.kill();
        log.warn("{}: agent crashed (simulated): connection dropped without DISCONNECT", name);
    }

    public synchronized StatePayload snapshot() {
        return publisher.snapshot(machine);
    }

    /** Whether the agent believes someone is watching (broker reachable and a gateway online). */
    public synchronized boolean isWatched() {
        return machine.watched();
    }

    public synchronized int queuedEvents() {
        return queue.size();
    }

    /** Malformed commands and gateway statuses received (logged and ignored). */
    public long malformedMessages() {
        return malformed.get();
    }

    private Inputs readInitialInputs(Map<Input, String> unreadable) {
        boolean[] v = new boolean[Input.values().length];
        for (Input in : Input.values()) {
            try {
                v[in.ordinal()] = io.read(in);
            } catch (BoothIoException e) {
                unreadable.put(in, e.getMessage());
            }
        }
        return new Inputs(v[0], v[1], v[2], v[3]);
    }

    private void onInput(Input in, boolean active) {
        synchronized (this) {
            if (!running) return;
            log.info("{}: input {} {}", name, in.key(), active ? "active" : "inactive");
            machine.input(in, active, time.nanos(), time.now());
            afterStep();
        }
    }

    private synchronized void tick() {
        try {
            if (!running) return;
            long now = time.nanos();
            for (Input in : Input.values()) {
                try {
                    machine.input(in, io.read(in), now, time.now());
                } catch (BoothIoException e) {
                    machine.inputUnreadable(in, e.getMessage(), now, time.now());
                }
            }
            machine.tick(now, time.now());
            for (String silent : gateways.expire(System.nanoTime())) log.warn("{}: {}", name, silent);
            updateWatched();
            if (!heartbeatSent || now - lastHeartbeatNanos >= cfg.heartbeatInterval().toNanos()) {
                if (transport.isConnected()) {
                    publisher.heartbeat(Duration.ofNanos(now - startNanos).toSeconds());
                    lastHeartbeatNanos = now;
                    heartbeatSent = true;
                }
            }
            publisher.drain();
            afterStep();
        } catch (RuntimeException | Error e) {
            // A failing tick must never end the loop (scheduleAtFixedRate would stop silently).
            log.error("{}: tick failed: {}", name, e.toString(), e);
        }
    }

    private synchronized void onConnected() {
        if (!running) return;
        if (!publisher.publishOnline()) log.warn("{}: online status not taken yet (in-flight window full); sent again next tick", name);
        int waiting = publisher.drain();
        if (waiting > 0) log.warn("{}: {} queued event(s) not yet delivered", name, waiting);
        publisher.markStateDirty();
        updateWatched();
        afterStep();
    }

    private synchronized void onConnectionChange() {
        if (!running) return;
        updateWatched();
        afterStep();
    }

    private void onCommand(byte[] payload) {
        CommandPayload c;
        try {
            c = Payloads.command(payload);
        } catch (PayloadException e) {
            malformed.incrementAndGet();
            log.warn("{}: malformed command ignored: {}", name, e.getMessage());
            return;
        }
        synchronized (this) {
            if (!running) return;
            long n = time.nanos();
            switch (c.cmd()) {
                case ACKNOWLEDGE -> logCommand(c, machine.acknowledge(c.alarmId(), c.by(), n, time.now()));
                case RESOLVE -> logCommand(c, machine.resolve(c.alarmId(), c.by(), c.reason(), n, time.now()));
                case TEST -> {
                    log.info("{}: TEST requested by {}", name, c.by());
                    machine.test(n, time.now());
                }
            }
            afterStep();
        }
    }

    private void logCommand(CommandPayload c, CommandResult r) {
        if (r == CommandResult.APPLIED) {
            log.info("{}: {} {} by {}{}", name, c.cmd(), c.alarmId(), c.by(), c.reason() != null ? " (" + c.reason() + ")" : "");
        } else {
            log.warn("{}: {} {} by {} ignored: {}", name, c.cmd(), c.alarmId(), c.by(), r);
        }
    }

    /**
     * On the MQTT thread: every booth gets a refresh each second at once, and one that changes nothing only
     * records when it was heard ({@link GatewayWatch} has its own short lock, never held over I/O). A change
     * is handed to the agent's thread.
     */
    private void onGatewayStatus(String topic, byte[] payload) {
        String id = Topics.parseGatewayStatus(topic).orElse(null);
        if (id == null) return;
        GatewayStatusPayload status = null;
        if (payload != null && payload.length > 0) { // empty: retained status cleared, that gateway is gone
            try {
                status = Payloads.gatewayStatus(payload);
            } catch (PayloadException e) {
                malformed.incrementAndGet();
                log.warn("{}: malformed gateway status on {} ignored: {}", name, topic, e.getMessage());
                return;
            }
        }
        // Real time, as the tick scheduler and MQTT keepalives: the gateway refreshes in real seconds.
        String change = gateways.onStatus(id, status, System.nanoTime());
        if (change != null) scheduler.execute(() -> onGatewayChange(id, change));
    }

    private void onGatewayChange(String id, String change) {
        synchronized (this) {
            if (!running) return;
            log.info("{}: gateway {} is {}", name, id, change);
            updateWatched(); // from the watch as it is now, so changes handled out of order still end right
            afterStep();
        }
    }

    private void updateWatched() {
        boolean anyGateway = gateways.anyOnline();
        boolean connected = transport.isConnected();
        boolean watched = connected && anyGateway;
        publisher.gatewayOnline(anyGateway);
        if (watched != machine.watched()) {
            machine.setWatched(watched);
            if (watched) log.info("{}: watched again (broker reachable, gateway online)", name);
            else log.warn("{}: nobody is watching ({}): active alarms sound locally", name,
                    connected ? "every gateway offline" : "broker unreachable");
        }
    }

    /** Publishes what the machine emitted, drives the outputs, saves active alarms, republishes the state. */
    private void afterStep() {
        machine.drainEvents().forEach(publisher::event);
        Outputs o = machine.outputs();
        if (!o.equals(appliedOutputs)) {
            io.setLamp(o.lamp());
            io.setBuzzer(o.buzzer());
            if (appliedOutputs != null) log.info("{}: lamp {}, buzzer {}", name, o.lamp().wire(), o.buzzer().wire());
            appliedOutputs = o;
        }
        List<AlarmInfo> active = List.copyOf(machine.activeAlarms());
        if (!active.equals(savedAlarms)) {
            alarmStore.save(active);
            savedAlarms = active;
        }
        publisher.state(machine);
    }
}
