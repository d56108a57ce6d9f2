package org.boothwatch.gateway;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.boothwatch.contract.AgentPayload;
import org.boothwatch.contract.CommandPayload;
import org.boothwatch.contract.CommandType;
import org.boothwatch.contract.EventKind;
import org.boothwatch.contract.EventPayload;
import org.boothwatch.contract.HeartbeatPayload;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.PayloadException;
import org.boothwatch.contract.Payloads;
import org.boothwatch.contract.StatePayload;
import org.boothwatch.contract.StatusPayload;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.escalation.Escalator;
import org.boothwatch.gateway.http.Metrics;
import org.boothwatch.gateway.http.SseHub;
import org.boothwatch.gateway.model.AlarmRecord;
import org.boothwatch.gateway.model.Changes;
import org.boothwatch.gateway.model.ModelSnapshot;
import org.boothwatch.gateway.model.SiteModel;
import org.boothwatch.gateway.mqtt.MqttLink;
import org.boothwatch.gateway.store.EventStore;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The gateway's single thread: every model change, store write and command happens here, in order.
 * MQTT messages are acknowledged only after their store transaction committed; messages waiting together are
 * committed together (up to {@link #BATCH}), in arrival order.
 */
final class Processor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Processor.class);
    static final long TICK_MS = 200;

    private final String site;
    private final String gatewayId;
    private final TimeSource time;
    private final SiteModel model;
    private final EventStore store;
    private final Metrics metrics;
    private final SseHub hub;
    private final Escalator escalator;
    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-processor");
        t.setDaemon(true);
        return t;
    });
    private volatile MqttLink link;
    private Runnable alive = () -> { };
    private long aliveAtNanos;
    /** How often the online status is refreshed (real seconds, as MQTT keepalives): see GatewayStatusPayload. */
    static final int STATUS_REFRESH_S = 1;
    private final ReadSnapshots snapshots;
    /** Most messages committed in one store transaction: one fsync for many events under load. */
    static final int BATCH = 1000;
    /** A batch whose oldest message took longer than this from arrival to commit is logged. */
    static final long SLOW_NANOS = Long.getLong("boothwatch.slowBatchMs", 100) * 1_000_000L; // lower it to diagnose
    private final Inbox inbox;
    /** At most one drain task is queued at a time. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final WarnBudget rejectLog = new WarnBudget(log, 20, "rejected payload(s) not logged (see boothwatch_payloads_rejected_total)");

    Processor(String site, String gatewayId, TimeSource time, SiteModel model, EventStore store, Metrics metrics,
              SseHub hub, Escalator escalator) {
        this.site = site;
        this.gatewayId = gatewayId;
        this.time = time;
        this.model = model;
        this.store = store;
        this.metrics = metrics;
        this.hub = hub;
        this.escalator = escalator;
        this.inbox = new Inbox(metrics::backlogPause, exec::isShutdown);
        this.snapshots = new ReadSnapshots(model, hub, exec);
    }

    /**
     * {@code alive} republishes the gateway's online status; it runs from the processor's own tick about every
     * {@link #STATUS_REFRESH_S} s of real time, so a hung or stuck processor stops it and the booths notice.
     */
    void start(MqttLink link, Runnable alive) {
        this.link = link;
        this.alive = alive;
        exec.execute(snapshots::publish);
        exec.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * From Paho's thread: parse, hand over and return at once, unless the processor is far behind (see {@link Inbox}).
     * Parsing here, not on the processor, takes a fifth of the processor's work per message off its one thread.
     */
    void submit(String topic, MqttMessage m, Runnable ack) {
        if (exec.isShutdown()) return;
        long arrived = time.nanos();
        long realArrived = System.nanoTime();
        inbox.add(new Inbox.Inbound(topic, m, ack, parse(topic, m), arrived, realArrived));
        if (drainScheduled.compareAndSet(false, true)) exec.execute(this::drain);
    }

    /** Messages waiting for the processor (also exported in /metrics). */
    int backlog() {
        return inbox.size();
    }

    /** Takes up to {@link #BATCH} waiting messages (in arrival order) and handles them as one transaction. */
    private void drain() {
        drainScheduled.set(false); // a message added from now on schedules another drain
        List<Inbox.Inbound> batch = inbox.take(BATCH);
        if (batch.isEmpty()) return;
        // One drain task at a time, queued behind ticks and API writes: they still get their turn under load.
        if (!inbox.isEmpty() && drainScheduled.compareAndSet(false, true)) exec.execute(this::drain);
        handle(batch);
        snapshots.soon();
    }

    /** The latest published copy of the model: never waits for the processor. */
    ModelSnapshot snapshot() {
        return snapshots.current();
    }

    /** A change through the processor (ack, resolve, test); the snapshot includes it when this returns. */
    <T> T write(Callable<T> task) {
        return call(() -> {
            snapshots.changing();
            try {
                return task.call();
            } finally {
                snapshots.publish();
            }
        });
    }

    /** Runs on the processor thread and waits for the answer. */
    <T> T call(Callable<T> task) {
        Future<T> f = exec.submit(task);
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("gateway processor busy for more than 10 s");
        }
    }

    /**
     * One store transaction for the whole batch: each message is applied to the model, written, and shown on
     * the displays at once; then one commit, then commands and escalations, and only then the MQTT acks (an
     * acknowledged event is always stored). Showing before the commit costs no safety: an alarm shown but not
     * yet committed is not acked either, so the broker delivers it again after a crash. On a store failure
     * nothing is acked and the batch is tried again in 1 s (re-applying is idempotent: alarms are keyed by id).
     */
    private void handle(List<Inbox.Inbound> batch) {
        snapshots.changing();
        List<Changes> done = new ArrayList<>(batch.size());
        try {
            long t0 = System.nanoTime();
            for (Inbox.Inbound in : batch) {
                model.arrivedAt(in.arrived());
                try {
                    Changes c = handleOnce(in.topic(), in.m(), in.parsed());
                    if (c != null) {
                        show(c);
                        done.add(c);
                    }
                } catch (RuntimeException e) {
                    log.error("unexpected failure handling a message on {}: {}", in.topic(), e.toString(), e);
                    metrics.rejected("unknown", "internal_error");
                } finally {
                    model.arrivedAt(-1);
                }
            }
            long t1 = System.nanoTime();
            store.commit();
            long t2 = System.nanoTime();
            metrics.storeWrite(t2 - t0);
            for (Changes c : done) act(c);
            long t3 = System.nanoTime();
            if (t3 - batch.get(0).realArrived() > SLOW_NANOS) {
                // Where a slow message spent its time: waiting to be taken, applied, committed, or acting.
                log.warn("slow batch: {} message(s), oldest waited {} ms, applied in {} ms, commit {} ms, commands {} ms",
                        batch.size(), (t0 - batch.get(0).realArrived()) / 1_000_000, (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            }
        } catch (SQLException e) {
            store.rollback();
            store.failed(e);
            log.error("event store write failed, {} message(s) (first on {}) not acknowledged, retry in 1 s: {}",
                    batch.size(), batch.get(0).topic(), e.getMessage());
            if (!exec.isShutdown()) exec.schedule(() -> handle(batch), 1, TimeUnit.SECONDS);
            return;
        }
        for (Inbox.Inbound in : batch) in.ack().run();
    }

    /** A message's payload, validated against its topic; or why it is rejected. Thread-safe: runs on Paho's thread. */
    private Parsed parse(String topic, MqttMessage m) {
        Optional<Topics.BoothAddress> addr = Topics.parseBooth(topic);
        if (addr.isEmpty() || !addr.get().site().equals(site)) {
            return Parsed.rejected("unknown", "topic", "not a booth topic of site " + site);
        }
        Topics.BoothAddress a = addr.get();
        String kind = a.topic().segment;
        try {
            AgentPayload p = switch (a.topic()) {
                case STATUS -> Payloads.status(m.getPayload(), a);
                case STATE -> Payloads.state(m.getPayload(), a);
                case EVENT -> Payloads.event(m.getPayload(), a);
                case HEARTBEAT -> Payloads.heartbeat(m.getPayload(), a);
                case CMD -> null;
            };
            return new Parsed(kind, p, null, null);
        } catch (PayloadException e) {
            return Parsed.rejected(kind, reason(e), e.getMessage());
        } catch (RuntimeException e) { // never into Paho's thread: it would drop the connection
            log.error("unexpected failure parsing a message on {}: {}", topic, e.toString(), e);
            return Parsed.rejected(kind, "internal_error", e.toString());
        }
    }

    /** The parsed payload (null for a topic the gateway reads nothing from), or the reason and text of a rejection. */
    record Parsed(String kind, AgentPayload payload, String rejectReason, String why) {
        static Parsed rejected(String kind, String reason, String why) {
            return new Parsed(kind, null, reason, why);
        }
    }

    /** Applies one message to the model and the open store transaction; null when nothing is to be shown. */
    private Changes handleOnce(String topic, MqttMessage m, Parsed parsed) throws SQLException {
        metrics.received(parsed.kind());
        if (parsed.rejectReason() != null) {
            reject(parsed.kind(), parsed.rejectReason(), topic, parsed.why());
            return null;
        }
        AgentPayload p = parsed.payload();
        if (p == null) return null;
        if (!m.isRetained()) {
            model.seqGap(p.booth(), p.bootId(), p.seq()).ifPresent(gap -> {
                metrics.seqGap();
                log.info("{}", gap);
            });
        }
        Changes c;
        if (p instanceof EventPayload e) {
            if (!store.addEvent(e, m.getPayload(), time.now())) {
                metrics.duplicate();
                log.info("duplicate event {} seq {} bootId {} at {} ignored", e.kind(), e.seq(), e.bootId(), e.booth());
                return null;
            }
            // A raise or resolve gets its own INFO line from the model; one line per alarm event, not two (under a
            // flood of events the log writes were a measurable part of the processor's time).
            boolean modelLogsIt = e.kind() == EventKind.ALARM_RAISED || e.kind() == EventKind.ALARM_RESOLVED;
            log.atLevel(modelLogsIt ? Level.DEBUG : Level.INFO)
                    .log("event {} at {} (bootId {}, seq {})", e.kind(), e.booth(), e.bootId(), e.seq());
            c = model.onEvent(e);
        } else if (p instanceof StatusPayload s) {
            c = model.onStatus(s, m.isRetained());
        } else if (p instanceof StatePayload s) {
            c = model.onState(s, m.isRetained());
        } else {
            c = model.onHeartbeat((HeartbeatPayload) p);
        }
        store.upsertAlarms(c.alarms, time.now());
        return c;
    }

    private void tick() {
        long real = System.nanoTime(); // liveness is real time, like the MQTT keepalive, even in a scaled simulation
        if (real - aliveAtNanos >= STATUS_REFRESH_S * 1_000_000_000L - TICK_MS * 500_000L) {
            aliveAtNanos = real;
            try {
                alive.run();
            } catch (RuntimeException e) {
                log.warn("status refresh failed: {}", e.toString());
            }
        }
        try {
            Long oldestWaiting = inbox.oldestArrival();
            Changes c = model.tick(oldestWaiting == null ? Long.MAX_VALUE : oldestWaiting);
            if (!c.isEmpty()) {
                snapshots.changing();
                show(c);
                persist(c);
                act(c);
            }
            snapshots.soon(); // paced like after a batch: under load the tick must not rebuild more often
        } catch (SQLException e) {
            store.rollback();
            store.failed(e);
            log.error("event store write failed on tick: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("tick failed: {}", e.toString(), e);
        }
    }

    /** Shows a change set from the API, stores it, then sends its commands. */
    void persistAndPublish(Changes c) throws SQLException {
        show(c);
        persist(c);
        act(c);
    }

    private void persist(Changes c) throws SQLException {
        long t0 = System.nanoTime();
        store.upsertAlarms(c.alarms, time.now());
        store.commit();
        metrics.storeWrite(System.nanoTime() - t0);
    }

    /** Display updates: alarm and booth views, to every display stream. */
    private void show(Changes c) {
        for (AlarmRecord a : c.alarms) hub.broadcastView("alarm", a.view(), snapshots.version());
        for (String b : c.booths) hub.broadcastView("booth", model.boothView(b), snapshots.version());
    }

    /** Sends commands and escalations of a committed change set (and shows what they changed). */
    private void act(Changes c) throws SQLException {
        Changes more = new Changes();
        for (Changes.Command cmd : c.commands) {
            CommandPayload payload = new CommandPayload(Json.VERSION, cmd.cmd(), cmd.alarmId(), cmd.by(), cmd.reason(), time.now());
            MqttLink l = link;
            boolean handed = l != null && l.publish(Topics.cmd(site, cmd.booth()), Json.write(payload), 1, false);
            if (handed) metrics.commandSent();
            log.info("cmd {}{} to {} by {}: {}", cmd.cmd(), cmd.alarmId() == null ? "" : " " + cmd.alarmId(), cmd.booth(),
                    cmd.by(), handed ? "handed to broker" : "NOT sent (no broker connection)");
            store.addCommand(time.now(), site, cmd.booth(), cmd.alarmId(), cmd.cmd().name(), cmd.by(), cmd.reason(), handed);
            if (!handed) {
                Changes u = cmd.cmd() == CommandType.TEST ? model.testNotSent(cmd.booth()) : model.unreachable(cmd.alarmId());
                more.alarms.addAll(u.alarms);
                more.booths.addAll(u.booths);
            }
        }
        if (!c.commands.isEmpty()) {
            store.upsertAlarms(more.alarms, time.now());
            store.commit();
        }
        for (AlarmRecord a : c.escalated) {
            metrics.escalation();
            escalator.escalate(site, gatewayId, a.view());
        }
        show(more);
        if (c.alarms.size() > 0) model.prune(5000);
    }

    private void reject(String kind, String reason, String topic, String why) {
        metrics.rejected(kind, reason);
        // Every rejection is counted; the log takes a few a second, so a device flooding garbage cannot fill the disk.
        rejectLog.warn("rejected payload on {} ({}): {}", topic, reason, why);
    }

    static String reason(PayloadException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("differs from topic")) return "spoofed";
        if (m.startsWith("empty payload") || m.contains("exceeds")) return "size";
        if (m.startsWith("not a valid")) return "malformed";
        if (m.startsWith("unsupported v")) return "version";
        return "invalid";
    }

    @Override
    public void close() {
        exec.shutdownNow();
        try {
            exec.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
