package org.boothwatch.bench;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The agent footprint floor: a bare JVM holding one Paho connection, publishing one message at start
 * and a small heartbeat every 3 s, nothing else. Run with only Paho on the class path.
 * Args: broker URI, topic.
 */
public final class BareClient {
    public static void main(String[] args) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(args[0], "bare-client", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(3);
        c.connect(o).waitForCompletion(10_000);
        for (long i = 0; ; i++) {
            c.publish(args[1], ("{\"v\":1,\"uptimeS\":" + i * 3 + "}").getBytes(StandardCharsets.UTF_8), i == 0 ? 1 : 0, false);
            Thread.sleep(3000);
        }
    }
}
