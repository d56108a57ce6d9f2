package org.boothwatch.agent;

import java.nio.file.Path;
import java.util.Properties;
import org.boothwatch.agent.config.AgentConfig;
import org.boothwatch.agent.config.ConfigException;

/** Minimal valid agent configs for tests. */
public final class TestConfigs {
    private TestConfigs() {}

    public static Properties properties(String booth, String uri, Path queueDir) {
        Properties p = new Properties();
        p.setProperty("site", "site1");
        p.setProperty("booth", booth);
        p.setProperty("mqtt.uri", uri);
        p.setProperty("mqtt.keepAlive", "1s");
        p.setProperty("gpio.provider", "mock");
        p.setProperty("queue.dir", queueDir.toString());
        p.setProperty("tickInterval", "50ms");
        p.setProperty("heartbeatInterval", "1s");
        return p;
    }

    public static AgentConfig config(Properties p) {
        try {
            return AgentConfig.fromProperties(p);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
