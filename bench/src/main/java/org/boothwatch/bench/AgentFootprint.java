package org.boothwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * booth-agent footprint: booth-agent/target/booth-agent.jar with gpio.provider=mock and the systemd
 * unit's JVM flags as a child process, next to the floor (a bare JVM with one Paho connection and the
 * same flags). Startup = from process start to the first message the broker delivers from it; RSS
 * (/proc/PID/status VmRSS) sampled through the soak, reported at its end.
 */
final class AgentFootprint {
    static final List<String> AGENT_FLAGS = List.of("-Xms8m", "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k");

    record Proc(String name, double startupMs, long rssKb, long peakKb) {}

    record Result(Proc agent, Proc floor, long soakS, List<String> agentFlags) {}

    private final Path root;
    private final Path dir;
    private final long soakS;

    AgentFootprint(Path root, Path dir, long soakS) {
        this.root = root;
        this.dir = dir;
        this.soakS = soakS;
    }

    Result run() throws Exception {
        Files2.fresh(dir);
        try (Broker broker = Broker.embedded(dir.resolve("broker"))) {
            Path props = dir.resolve("booth.properties");
            Files.writeString(props, String.join("\n", "site=fp", "booth=b001", "mqtt.uri=" + broker.uri(),
                    "gpio.provider=mock", "queue.dir=" + dir.resolve("agent-data").toAbsolutePath(), ""));
            CountDownLatch agentFirst = new CountDownLatch(1);
            CountDownLatch floorFirst = new CountDownLatch(1);
            long[] firstAt = new long[2];
            MqttAsyncClient watch = new MqttAsyncClient(broker.uri(), "fp-watch", new MemoryPersistence());
            watch.setCallback(new MqttCallback() {
                public void connectionLost(Throwable cause) { }

                public void messageArrived(String topic, MqttMessage m) {
                    long now = System.nanoTime();
                    if (topic.startsWith("boothwatch/v1/fp/booth/b001/") && agentFirst.getCount() > 0) {
                        firstAt[0] = now;
                        agentFirst.countDown();
                    } else if (topic.equals("bench/bare") && floorFirst.getCount() > 0) {
                        firstAt[1] = now;
                        floorFirst.countDown();
                    }
                }

                public void deliveryComplete(IMqttDeliveryToken t) { }
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            watch.connect(o).waitForCompletion(10_000);
            watch.subscribe(new String[] {"boothwatch/v1/fp/booth/b001/#", "bench/bare"}, new int[] {1, 1}).waitForCompletion(10_000);
            String paho = Path.of(System.getProperty("user.home"), ".m2/repository/org/eclipse/paho/org.eclipse.paho.client.mqttv3/1.2.5/org.eclipse.paho.client.mqttv3-1.2.5.jar").toString();
            Path dev = root.resolve("bench/target/dev-classes");
            String classes = (Files.isDirectory(dev) ? dev : root.resolve("bench/target/classes")).toString();
            Path jar = Jars.copy(root, "booth-agent", "booth-agent.jar", dir);
            // bench.agentFlags: extra flags for the agent only (to try a fix); the documented run uses none.
            List<String> agentFlags = new java.util.ArrayList<>(AGENT_FLAGS);
            String extra = System.getProperty("bench.agentFlags", "");
            if (!extra.isBlank()) agentFlags.addAll(List.of(extra.trim().split("\\s+")));
            try (ChildJvm agent = ChildJvm.start(agentFlags, List.of("-jar", jar.toString(),
                    "--config", props.toString()), dir.resolve("agent.log"))) {
                if (!agentFirst.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the agent published nothing within 30 s; see " + dir.resolve("agent.log"));
                double agentStart = (firstAt[0] - agent.startedNanos) / 1e6;
                try (ChildJvm bare = ChildJvm.start(AGENT_FLAGS, List.of("-cp", classes + ":" + paho,
                        BareClient.class.getName(), broker.uri(), "bench/bare"), dir.resolve("bare.log"))) {
                    if (!floorFirst.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the bare client published nothing within 30 s");
                    double bareStart = (firstAt[1] - bare.startedNanos) / 1e6;
                    BenchMain.log("agent: startup to first publish %.0f ms (bare JVM + Paho: %.0f ms); soaking %d s", agentStart, bareStart, soakS);
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(soakS);
                    long nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (System.nanoTime() < end) {
                        Thread.sleep(1000);
                        if (!agent.alive()) throw new IllegalStateException("the agent died during the soak; see " + dir.resolve("agent.log"));
                        if (System.nanoTime() > nextLog) {
                            nextLog += TimeUnit.SECONDS.toNanos(60);
                            BenchMain.log("  RSS agent %d kB, bare %d kB", agent.rssKb(), bare.rssKb());
                        }
                    }
                    Proc a = new Proc("booth-agent", agentStart, agent.rssKb(), agent.peakRssKb());
                    Proc f = new Proc("bare JVM + Paho", bareStart, bare.rssKb(), bare.peakRssKb());
                    return new Result(a, f, soakS, agentFlags);
                }
            } finally {
                watch.disconnect().waitForCompletion(2000);
                watch.close();
            }
        }
    }
}
