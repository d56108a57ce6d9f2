package org.boothwatch.gateway;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.boothwatch.contract.GatewayStatusPayload;
import org.boothwatch.contract.Ids;
import org.boothwatch.contract.Json;
import org.boothwatch.contract.Priority;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.contract.Topics;
import org.boothwatch.gateway.broker.EmbeddedBroker;
import org.boothwatch.gateway.config.GatewayConfig;
import org.boothwatch.gateway.escalation.Escalator;
import org.boothwatch.gateway.http.HttpApi;
import org.boothwatch.gateway.http.Metrics;
import org.boothwatch.gateway.http.SseHub;
import org.boothwatch.gateway.model.AlarmRecord;
import org.boothwatch.gateway.model.AlarmView;
import org.boothwatch.gateway.model.BoothView;
import org.boothwatch.gateway.model.Changes;
import org.boothwatch.gateway.model.ModelSnapshot;
import org.boothwatch.gateway.model.SiteModel;
import org.boothwatch.gateway.model.TestView;
import org.boothwatch.gateway.mqtt.MqttLink;
import org.boothwatch.gateway.report.Report;
import org.boothwatch.gateway.store.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: embedded broker (when no mqtt.uri), event store, MQTT link, live model and HTTP.
 * {@link #close()} stops cleanly; {@link #kill()} models a crash (the broker publishes the Last Will).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Body of {@code GET /api/booths}; {@code training}: a training site (Ids.isTrainingSite), its alarms are drills. */
    public record Booths(String site, String gatewayId, Instant serverTime, List<BoothView> booths, boolean training) {}

    /** First SSE event on connect: every booth and every active alarm; {@code training} as in Booths. */
    public record Snapshot(String site, String gatewayId, Instant serverTime, List<BoothView> booths, List<AlarmView> alarms,
                           boolean training) {}

    /** Body of {@code GET /api/alarms}. */
    public record Alarms(Instant serverTime, List<AlarmView> alarms) {}

    /** Outcome of an acknowledge or resolve: HTTP status, the alarm, or an error. */
    public record Outcome(int status, AlarmView alarm, String error) {}

    private final GatewayConfig cfg;
    private final TimeSource time;
    private final EmbeddedBroker broker;
    private final String brokerUri;
    private final EventStore store;
    private final SiteModel model;
    private final Metrics metrics = new Metrics();
    private final SseHub hub;
    private final Escalator escalator;
    private final Processor processor;
    private MqttLink link;
    private HttpApi http;
    private volatile boolean stopped;

    private Gateway(GatewayConfig cfg, TimeSource time) throws Exception {
        this.cfg = cfg;
        this.time = time;
        EmbeddedBroker b = null;
        if (cfg.embeddedBroker()) {
            b = EmbeddedBroker.start(cfg.brokerBind(), cfg.brokerPort(), cfg.dataDir().resolve("broker"), cfg.brokerPersistent());
        }
        this.broker = b;
        this.brokerUri = b != null ? b.uri() : cfg.mqttUri();
        this.store = new EventStore(cfg.jdbcUrl(), cfg.storeUsername(), cfg.storePassword());
        this.model = new SiteModel(cfg.site(), time, cfg.escalateAfter(), cfg.heartbeatInterval());
        for (AlarmRecord a : store.activeAlarms(cfg.site(), model)) model.restore(a);
        this.hub = new SseHub(() -> Json.writeString(Map.of("serverTime", time.now(), "mqttConnected", mqttConnected())));
        this.escalator = new Escalator(cfg.webhooks(), metrics::webhookFailure);
        this.processor = new Processor(cfg.site(), cfg.gatewayId(), time, model, store, metrics, hub, escalator);
        metrics.gauge("boothwatch_sse_clients", hub::size);
        metrics.gauge("boothwatch_processor_backlog", processor::backlog);
        metrics.gauge("boothwatch_sse_waiting", hub::waiting);
        metrics.gauge("boothwatch_sse_streams_dropped", hub::streamsDropped);
        metrics.gauge("boothwatch_mqtt_connected", () -> mqttConnected() ? 1 : 0);
        metrics.gauge("boothwatch_booths_online", () -> processor.snapshot().boothsOnline());
        for (Priority p : Priority.values()) {
            metrics.gauge("boothwatch_alarms_active{priority=\"" + p + "\"}",
                    () -> processor.snapshot().active(p));
        }
    }

    /** Starts everything; returns when HTTP is up and the first MQTT connect was tried. */
    public static Gateway start(GatewayConfig cfg, TimeSource time) {
        Gateway g;
        try {
            g = new Gateway(cfg, time);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("gateway start failed: " + e.getMessage(), e);
        }
        try {
            g.startLinkAndHttp();
        } catch (Exception e) {
            g.close();
            throw new IllegalStateException("gateway start failed: " + e.getMessage(), e);
        }
        return g;
    }

    private void startLinkAndHttp() throws Exception {
        String site = cfg.site();
        String statusTopic = Topics.gatewayStatus(site, cfg.gatewayId());
        link = new MqttLink(cfg, brokerUri, "gateway-" + site + "-" + cfg.gatewayId(), statusTopic,
                gatewayStatus(true), gatewayStatus(false),
                List.of(new MqttLink.Subscription(Topics.allBooths(site, Topics.BoothTopic.STATUS), 1),
                        new MqttLink.Subscription(Topics.allBooths(site, Topics.BoothTopic.STATE), 1),
                        new MqttLink.Subscription(Topics.allBooths(site, Topics.BoothTopic.EVENT), 1),
                        new MqttLink.Subscription(Topics.allBooths(site, Topics.BoothTopic.HEARTBEAT), 0)),
                new MqttLink.Listener() {
                    @Override
                    public void message(String topic, org.eclipse.paho.client.mqttv3.MqttMessage msg, Runnable ack) {
                        processor.submit(topic, msg, ack);
                    }

                    @Override
                    public void connected(boolean reconnect) { }

                    @Override
                    public void lost(Throwable cause) { }
                });
        processor.start(link, () -> link.refreshStatus(gatewayStatus(true)));
        http = HttpApi.start(this, cfg);
        link.startAndWait(15);
        log.info("gateway up: {} broker={} http port {}{}", cfg, brokerUri, http.port(),
                training() ? " -- TRAINING SITE: every alarm here is a drill and is marked TRAINING" : "");
    }

    private byte[] gatewayStatus(boolean online) {
        return Json.write(new GatewayStatusPayload(Json.VERSION, cfg.site(), cfg.gatewayId(), online, time.now(),
                online ? Processor.STATUS_REFRESH_S : null));
    }

    public int httpPort() { return http.port(); }

    public String brokerUri() { return brokerUri; }

    public GatewayConfig config() { return cfg; }

    public Metrics metrics() { return metrics; }

    public boolean mqttConnected() {
        MqttLink l = link;
        return l != null && l.connected();
    }

    public int sseClients() { return hub.size(); }

    /** For tests in this package (e.g. to hold the processor busy). */
    Processor processor() { return processor; }

    public Booths booths() {
        return new Booths(cfg.site(), cfg.gatewayId(), time.now(), processor.snapshot().booths(), training());
    }

    /** Reads come from the processor's last published copy of the model: they never wait behind a backlog. */
    public Snapshot snapshot() {
        return snapshotOf(processor.snapshot());
    }

    private Snapshot snapshotOf(ModelSnapshot s) {
        return new Snapshot(cfg.site(), cfg.gatewayId(), time.now(), s.booths(), s.activeAlarms(), training());
    }

    /** A training site: derived from the site id only, so every part agrees (docs/gateway.md, Training sites). */
    public boolean training() {
        return Ids.isTrainingSite(cfg.site());
    }

    /** Registers a display stream: the latest snapshot, then every later event (SseHub lines them up). */
    public void addStream(io.javalin.http.sse.SseClient client) {
        hub.add(client, () -> {
            ModelSnapshot s = processor.snapshot();
            return new SseHub.Versioned(s.version(), Json.writeString(snapshotOf(s)));
        });
    }

    public Alarms activeAlarms() {
        return new Alarms(time.now(), processor.snapshot().activeAlarms());
    }

    /** One page of the alarm history (raised in [from, to), from the store): up to {@code limit} alarms after {@code afterId}; {@code more}: others follow. */
    public record AlarmPage(Instant serverTime, List<AlarmView> alarms, boolean more) {}

    public AlarmPage alarmsRaised(Instant from, Instant to, String afterId, int limit) throws SQLException {
        List<AlarmRecord> rows = store.alarmsRaised(cfg.site(), from, to, afterId, limit + 1, model);
        boolean more = rows.size() > limit;
        return new AlarmPage(time.now(), rows.stream().limit(limit).map(AlarmRecord::view).toList(), more);
    }

    public Outcome acknowledge(String alarmId, String by) {
        return processor.write(() -> act(alarmId, model.acknowledge(alarmId, by)));
    }

    public Outcome resolve(String alarmId, String by, String reason) {
        return processor.write(() -> act(alarmId, model.resolve(alarmId, by, reason)));
    }

    private Outcome act(String alarmId, Optional<Changes> changes) throws SQLException {
        if (changes.isEmpty()) return new Outcome(404, null, "no alarm " + alarmId);
        AlarmRecord a = model.alarm(alarmId).orElseThrow();
        if (changes.get().isEmpty()) return new Outcome(409, a.view(), "alarm " + alarmId + " is already resolved");
        try {
            processor.persistAndPublish(changes.get());
        } catch (SQLException e) {
            store.rollback();
            store.failed(e);
            throw e;
        }
        return new Outcome(200, a.view(), null);
    }

    /** Outcome of a TEST request: HTTP status, the booth (with lastTest), or an error. */
    public record TestOutcome(int status, BoothView booth, String error) {}

    /** Sends TEST to an online booth (QoS 1, recorded); its TEST_RESULT shows as the booth's lastTest. */
    public TestOutcome test(String booth, String by) {
        return processor.write(() -> {
            Optional<String> no = model.cannotTest(booth);
            if (no.isPresent()) return new TestOutcome(model.boothView(booth) == null ? 404 : 409, model.boothView(booth), no.get());
            try {
                processor.persistAndPublish(model.requestTest(booth, by));
            } catch (SQLException e) {
                store.rollback();
                store.failed(e);
                throw e;
            }
            BoothView v = model.boothView(booth);
            if (TestView.NOT_SENT.equals(v.lastTest().status())) return new TestOutcome(503, v, v.lastTest().details());
            return new TestOutcome(202, v, null);
        });
    }

    public Report.Result report(LocalDate from, LocalDate to) throws SQLException {
        Instant a = from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant b = to.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Report.Builder r = new Report.Builder(from, to, training());
        store.report(cfg.site(), a, b, r);
        return r.result();
    }

    /** Empty when healthy, else each problem in words. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (stopped) out.add("gateway stopped");
        if (!mqttConnected()) out.add("mqtt disconnected from " + brokerUri);
        String s = store.problem();
        if (s != null) out.add(s);
        return out;
    }

    /** Number of events in the store for this site. */
    public long storedEvents() throws SQLException {
        return store.countEvents(cfg.site());
    }

    public Path dataDir() { return cfg.dataDir(); }

    /** Clean stop: offline status published, MQTT disconnected, HTTP stopped, store and broker closed. */
    @Override
    public void close() {
        if (stopped) return;
        stopped = true;
        if (link != null) link.close(gatewayStatus(false));
        stopRest();
        log.info("gateway stopped");
    }

    /** Crash: the MQTT connection drops without DISCONNECT (the broker publishes the Last Will); HTTP stops. */
    public void kill() {
        if (stopped) return;
        stopped = true;
        if (link != null) link.kill();
        stopRest();
        log.warn("gateway killed");
    }

    private void stopRest() {
        processor.close();
        hub.close();
        if (http != null) http.stop();
        escalator.close();
        store.close();
        if (broker != null) broker.close();
    }
}
