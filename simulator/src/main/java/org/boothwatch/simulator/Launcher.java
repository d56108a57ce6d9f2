package org.boothwatch.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.boothwatch.contract.ScaledTimeSource;
import org.boothwatch.simulator.booth.VirtualBooth;
import org.boothwatch.simulator.net.CuttableProxy;
import org.boothwatch.simulator.run.GatewayClient;
import org.boothwatch.simulator.run.InProcessSite;
import org.boothwatch.simulator.run.SiteControl;
import org.boothwatch.simulator.scenario.Scenario;
import org.boothwatch.simulator.scenario.ScenarioException;
import org.boothwatch.simulator.scenario.ScenarioParser;
import org.boothwatch.simulator.scenario.Step;
import org.boothwatch.simulator.time.ScaledScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sets up the site (in-process or external), the virtual booths and the virtual clock, then runs a mode. */
public final class Launcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    private final SimulatorOptions o;
    final ScaledTimeSource time;
    final ScaledScheduler scheduler;
    final Map<String, VirtualBooth> booths = new LinkedHashMap<>();
    InProcessSite inProcess;
    GatewayClient gateway;
    private Path tempDir;

    public Launcher(SimulatorOptions options) {
        this.o = options;
        this.time = new ScaledTimeSource(options.speed());
        int n = options.booths() == null ? 8 : options.booths();
        this.scheduler = new ScaledScheduler(options.speed(), Math.max(2, Math.min(8, n / 50 + 2)), "booths");
    }

    public int run() throws Exception {
        Scenario scenario = null;
        if (o.scenario() != null) {
            try {
                scenario = ScenarioParser.parse(o.scenario());
            } catch (ScenarioException e) {
                throw new UsageException("option --scenario: " + e.getMessage());
            }
            if (o.booths() != null && o.booths() != scenario.booths().size()) {
                throw new UsageException("--booths", String.valueOf(o.booths()),
                        "omitted, or the number of booths the scenario declares (" + scenario.booths().size() + ")");
            }
            boolean restarts = scenario.steps().stream().anyMatch(s -> s instanceof Step.GatewayRestart || s instanceof Step.BrokerRestart);
            if (restarts && !o.selfContained()) {
                throw new UsageException("option --scenario: 'gateway restart' and 'broker restart' need the in-process broker "
                        + "and gateway (run without --broker and --gateway-url)");
            }
        }
        List<String> ids = scenario != null ? scenario.booths() : numbered(o.booths() == null ? 8 : o.booths());
        Thread hook = new Thread(this::close, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        startSite();
        startBooths(ids);
        int rc;
        if (scenario != null) {
            rc = new ScenarioMode(this, scenario, o).run();
        } else if (o.load()) {
            rc = new LoadMode(this, o).run();
        } else {
            rc = new InteractiveMode(this, o).run();
        }
        close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        return rc;
    }

    static List<String> numbered(int n) {
        String fmt = n > 99 ? "b%03d" : "b%02d";
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) ids.add(String.format(fmt, i));
        return ids;
    }

    private void startSite() throws IOException {
        Path data = o.dataDir();
        if (data == null) data = tempDir = Files.createTempDirectory("boothwatch-sim-");
        if (o.selfContained()) {
            boolean interactive = o.scenario() == null && !o.load();
            int brokerPort = interactive && free(1883) ? 1883 : 0;
            String bind = o.scenario() != null ? "127.0.0.1" : "0.0.0.0";
            inProcess = InProcessSite.start(o.site(), data, brokerPort, bind, o.gatewayPort(), time);
            gateway = new GatewayClient(inProcess.gatewayUrl(), null);
        } else {
            gateway = new GatewayClient(o.gatewayUrl(), o.staffToken());
        }
    }

    private void startBooths(List<String> ids) throws Exception {
        URI broker = o.selfContained() ? URI.create(inProcess.brokerUri()) : o.broker();
        boolean tls = "ssl".equals(broker.getScheme());
        Path data = o.dataDir() != null ? o.dataDir() : tempDir;
        for (String id : ids) {
            CuttableProxy proxy = tls ? null : new CuttableProxy(id, broker.getHost(), broker.getPort());
            Properties p = new Properties();
            p.setProperty("site", o.site());
            p.setProperty("booth", id);
            p.setProperty("mqtt.uri", proxy == null ? broker.toString() : proxy.uri("tcp"));
            p.setProperty("gpio.provider", "mock");
            p.setProperty("queue.dir", data.resolve("agents").resolve(id).toString());
            if (o.username() != null) p.setProperty("mqtt.username", o.username());
            if (o.password() != null) p.setProperty("mqtt.password", o.password());
            if (o.tlsCa() != null) p.setProperty("mqtt.tls.caFile", o.tlsCa().toString());
            VirtualBooth b = new VirtualBooth(p, proxy, time, scheduler);
            booths.put(id, b);
            b.start();
        }
        log.info("{} virtual booths started on site {} (virtual time {}x)", ids.size(), o.site(), o.speed());
    }

    SiteControl siteControl() {
        if (inProcess != null) return inProcess;
        return new SiteControl() {
            @Override public void restartGateway() { throw new IllegalStateException("no in-process gateway to restart"); }
            @Override public void restartBroker() { throw new IllegalStateException("no in-process broker to restart"); }
        };
    }

    /** Waits (real time) until the gateway lists every booth online; false on timeout. */
    boolean awaitAllOnline(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var seen = gateway.booths();
                if (booths.keySet().stream().allMatch(id -> seen.containsKey(id) && seen.get(id).path("online").asBoolean(false))) {
                    return true;
                }
            } catch (IOException ignored) {
                // gateway still starting
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (VirtualBooth b : booths.values()) {
            try {
                b.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", b.id(), e.toString());
            }
        }
        scheduler.shutdownNow();
        if (inProcess != null) inProcess.close();
        if (tempDir != null) deleteTree(tempDir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary folder; the OS cleans up the rest
        }
    }
}
