package org.boothwatch.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.boothwatch.agent.mqtt.MqttTransport;
import org.boothwatch.agent.mqtt.TransportException;

/**
 * The agent's real transport, counting what it publishes per topic kind (status, state, event,
 * heartbeat) and noting when each publish happened. Counting at the source keeps the gateway's
 * /metrics out of the measurement (see docs/benchmarks.md: /metrics can stall the processor).
 */
final class CountingTransport implements MqttTransport {
    interface PublishHook {
        void published(String topic, byte[] payload, long nanos);
    }

    private final MqttTransport delegate;
    private final Map<String, LongAdder> counts;
    private final PublishHook hook;
    private final FanOut refreshes;

    CountingTransport(MqttTransport delegate, Map<String, LongAdder> counts, PublishHook hook) {
        this(delegate, counts, hook, null);
    }

    /** {@code refreshes}: notes when the agent's handler got each gateway status (null: not noted). */
    CountingTransport(MqttTransport delegate, Map<String, LongAdder> counts, PublishHook hook, FanOut refreshes) {
        this.delegate = delegate;
        this.counts = counts;
        this.hook = hook;
        this.refreshes = refreshes;
    }

    static Map<String, LongAdder> newCounts() {
        return new ConcurrentHashMap<>();
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> m = new java.util.TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    @Override
    public void setConnectionListener(ConnectionListener listener) {
        delegate.setConnectionListener(listener);
    }

    @Override
    public void subscribe(String topicFilter, int qos, MessageHandler handler) {
        if (refreshes == null || !topicFilter.contains("/gateway/")) {
            delegate.subscribe(topicFilter, qos, handler);
            return;
        }
        delegate.subscribe(topicFilter, qos, (topic, payload) -> {
            refreshes.arrived(System.nanoTime());
            handler.onMessage(topic, payload);
        });
    }

    @Override
    public void connect(Will will) {
        delegate.connect(will);
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws TransportException {
        delegate.publish(topic, payload, qos, retained);
        long now = System.nanoTime();
        counts.computeIfAbsent(topic.substring(topic.lastIndexOf('/') + 1), k -> new LongAdder()).increment();
        if (hook != null) hook.published(topic, payload, now);
    }

    @Override
    public void disconnect() {
        delegate.disconnect();
    }

    @Override
    public void kill() {
        delegate.kill();
    }
}
