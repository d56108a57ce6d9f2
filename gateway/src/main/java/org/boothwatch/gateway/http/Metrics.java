package org.boothwatch.gateway.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Counters and gauges, rendered in the Prometheus text format. Thread-safe. */
public final class Metrics {
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder seqGaps = new LongAdder();
    private final LongAdder escalations = new LongAdder();
    private final LongAdder webhookFailures = new LongAdder();
    private final LongAdder commandsSent = new LongAdder();
    private final LongAdder backlogPauses = new LongAdder();
    private final Object storeLock = new Object();
    private long storeWrites;
    private double storeSecondsSum;
    private double storeSecondsMax;
    private final Map<String, Supplier<Number>> gauges = new ConcurrentHashMap<>();

    public void received(String topicKind) {
        received.computeIfAbsent(topicKind, k -> new LongAdder()).increment();
    }

    public void rejected(String topicKind, String reason) {
        rejected.computeIfAbsent(topicKind + "\u0000" + reason, k -> new LongAdder()).increment();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long rejectedCount(String topicKind, String reason) {
        LongAdder a = rejected.get(topicKind + "\u0000" + reason);
        return a == null ? 0 : a.sum();
    }

    public long receivedTotal() {
        return received.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void duplicate() { duplicates.increment(); }
    public long duplicates() { return duplicates.sum(); }
    public void seqGap() { seqGaps.increment(); }
    public void escalation() { escalations.increment(); }
    public void webhookFailure() { webhookFailures.increment(); }
    public void commandSent() { commandsSent.increment(); }
    public void backlogPause() { backlogPauses.increment(); }

    public void storeWrite(long nanos) {
        double s = nanos / 1e9;
        synchronized (storeLock) {
            storeWrites++;
            storeSecondsSum += s;
            storeSecondsMax = Math.max(storeSecondsMax, s);
        }
    }

    public void gauge(String name, Supplier<Number> value) {
        gauges.put(name, value);
    }

    /** Gauges are read first and without any lock: some ask the gateway's processor thread. */
    public String render() {
        Map<String, Number> gaugeValues = new TreeMap<>();
        gauges.forEach((name, v) -> gaugeValues.put(name, v.get()));
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP boothwatch_events_received_total MQTT messages received from booths, by topic kind.\n");
        sb.append("# TYPE boothwatch_events_received_total counter\n");
        new TreeMap<>(received).forEach((k, v) -> sb.append("boothwatch_events_received_total{topic=\"").append(k)
                .append("\"} ").append(v.sum()).append('\n'));
        sb.append("# HELP boothwatch_payloads_rejected_total Malformed or spoofed payloads, by topic kind and reason.\n");
        sb.append("# TYPE boothwatch_payloads_rejected_total counter\n");
        new TreeMap<>(rejected).forEach((k, v) -> {
            String[] p = k.split("\u0000");
            sb.append("boothwatch_payloads_rejected_total{topic=\"").append(p[0]).append("\",reason=\"").append(p[1])
                    .append("\"} ").append(v.sum()).append('\n');
        });
        counter(sb, "boothwatch_events_duplicate_total", "Events dropped as already stored (same bootId, seq).", duplicates.sum());
        counter(sb, "boothwatch_seq_gaps_total", "Gaps seen in a booth's seq numbers.", seqGaps.sum());
        counter(sb, "boothwatch_escalations_total", "Alarms escalated.", escalations.sum());
        counter(sb, "boothwatch_webhook_failures_total", "Escalation webhook deliveries that failed after all retries.", webhookFailures.sum());
        counter(sb, "boothwatch_commands_sent_total", "Commands handed to the broker for booths.", commandsSent.sum());
        counter(sb, "boothwatch_processor_backlog_pauses_total",
                "Times the processor fell so far behind that reading from the broker was slowed.", backlogPauses.sum());
        sb.append("# HELP boothwatch_store_write_seconds Event store write (transaction) latency.\n");
        sb.append("# TYPE boothwatch_store_write_seconds summary\n");
        synchronized (storeLock) {
            sb.append("boothwatch_store_write_seconds_count ").append(storeWrites).append('\n');
            sb.append("boothwatch_store_write_seconds_sum ").append(storeSecondsSum).append('\n');
            sb.append("boothwatch_store_write_seconds_max ").append(storeSecondsMax).append('\n');
        }
        String lastType = null;
        for (Map.Entry<String, Number> g : gaugeValues.entrySet()) {
            String name = g.getKey();
            String base = name.contains("{") ? name.substring(0, name.indexOf('{')) : name;
            if (!base.equals(lastType)) sb.append("# TYPE ").append(base).append(" gauge\n");
            lastType = base;
            sb.append(name).append(' ').append(g.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long v) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v).append('\n');
    }
}
