package org.boothwatch.simulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.simulator.booth.BoothControl;
import org.boothwatch.simulator.scenario.Durations;
import org.boothwatch.simulator.scenario.Scenario;
import org.boothwatch.simulator.scenario.Step;

/**
 * Runs a scenario on virtual time. Actions run when their time comes; an {@code expect} is checked
 * at its time and, with {@code within}, again and again until it holds or its deadline passes, while
 * later steps go on. {@code ack}/{@code resolve} retry until the gateway has the alarm (at most
 * {@link #STAFF_GRACE} of virtual time). The result lists every expectation that did not hold.
 */
public final class ScenarioRunner {
    static final Duration STAFF_GRACE = Duration.ofSeconds(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Scenario scenario;
    private final Map<String, ? extends BoothControl> booths;
    private final SiteControl site;
    private final GatewayClient gateway;
    private final TimeSource time;
    private final PrintStream out;

    public ScenarioRunner(Scenario scenario, Map<String, ? extends BoothControl> booths, SiteControl site,
                          GatewayClient gateway, TimeSource time, PrintStream out) {
        this.scenario = scenario;
        this.booths = booths;
        this.site = site;
        this.gateway = gateway;
        this.time = time;
        this.out = out;
    }

    /** A check that has not yet been decided. */
    private record Pending(Step step, Duration deadline) {}

    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scenario-restarts");
        t.setDaemon(true);
        return t;
    });
    private final List<String> backgroundFailures = new CopyOnWriteArrayList<>();
    private long startNanos;

    public RunResult run() {
        try {
            return runSteps();
        } finally {
            restarts.shutdown();
            try {
                restarts.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RunResult runSteps() {
        long start = time.nanos();
        startNanos = start;
        Instant since = time.now().minusSeconds(60);
        List<Step> steps = scenario.steps();
        List<Pending> pending = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int next = 0;
        while (next < steps.size() || !pending.isEmpty()) {
            Duration now = Duration.ofNanos(time.nanos() - start);
            while (next < steps.size() && steps.get(next).at().compareTo(now) <= 0) {
                Step s = steps.get(next++);
                String problem = execute(s);
                if (problem != null) failures.add(problem);
                if (s instanceof Step.Expect e) pending.add(new Pending(e, e.at().plus(e.within())));
                if (s instanceof Step.Ack || s instanceof Step.Resolve) pending.add(new Pending(s, s.at().plus(STAFF_GRACE)));
            }
            if (!pending.isEmpty()) {
                Duration checkedAt = Duration.ofNanos(time.nanos() - start);
                Observation o = observe(since);
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    String seen = p.step() instanceof Step.Expect e ? o.check(e.booth(), e.what()) : staff(p.step(), o);
                    if (seen == null) {
                        it.remove();
                        if (p.step() instanceof Step.Expect e) {
                            passed++;
                            out.println("  ok    " + e.describe() + "  (held at " + Durations.format(checkedAt) + ")");
                        }
                    } else if (checkedAt.compareTo(p.deadline()) > 0) {
                        it.remove();
                        String what = p.step() instanceof Step.Expect e ? e.describe() : describeStaff(p.step());
                        String failure = what + "\n          saw: " + seen + "  (at " + Durations.format(checkedAt) + ")";
                        failures.add(failure);
                        out.println("  FAIL  " + failure);
                    }
                }
            }
            long wait = next < steps.size()
                    ? Math.min(POLL_NANOS, realNanos(steps.get(next).at().minus(Duration.ofNanos(time.nanos() - start))))
                    : POLL_NANOS;
            if (wait > 0) LockSupport.parkNanos(wait);
        }
        failures.addAll(backgroundFailures);
        return new RunResult(scenario.name(), scenario.expectations().size(), passed, failures);
    }

    private long realNanos(Duration virtual) {
        if (virtual.isNegative()) return 0;
        double speed = time instanceof org.boothwatch.contract.ScaledTimeSource s ? s.speed() : 1.0;
        return (long) (virtual.toNanos() / speed);
    }

    /** Runs an action step; answers a failure text when it could not be done at all. */
    private String execute(Step s) {
        try {
            if (s instanceof Step.Booth b) {
                out.println("  at " + Durations.format(b.at()) + ": " + b.booth() + " " + b.action().word);
                booths.get(b.booth()).perform(b.action());
            } else if (s instanceof Step.GatewayRestart || s instanceof Step.BrokerRestart) {
                String what = s instanceof Step.GatewayRestart ? "gateway" : "broker";
                if (site.restartsUnsupported() != null) throw new IllegalStateException(site.restartsUnsupported());
                out.println("  at " + Durations.format(s.at()) + ": " + what + " restart");
                // in the background: checks go on while it is down (that is what a restart scenario is about)
                restarts.execute(() -> {
                    try {
                        if (s instanceof Step.GatewayRestart) site.restartGateway(); else site.restartBroker();
                        out.println("  " + what + " back up at " + Durations.format(Duration.ofNanos(time.nanos() - startNanos)));
                    } catch (Exception e) {
                        String f = "line " + s.line() + ": " + what + " restart failed: " + e;
                        out.println("  FAIL  " + f);
                        backgroundFailures.add(f);
                    }
                });
            }
            return null;
        } catch (Exception e) {
            String f = "line " + s.line() + ": step failed: " + e;
            out.println("  FAIL  " + f);
            return f;
        }
    }

    /** Tries an ack/resolve; null once done, else why not yet. */
    private String staff(Step s, Observation o) {
        String booth = s instanceof Step.Ack a ? a.booth() : ((Step.Resolve) s).booth();
        String type = s instanceof Step.Ack a ? a.type().name() : ((Step.Resolve) s).type().name();
        if (o.gatewayError() != null) return "gateway not answering: " + o.gatewayError();
        Optional<JsonNode> alarm = o.alarms().stream()
                .filter(x -> x.path("active").asBoolean(false) && booth.equals(x.path("booth").asText())
                        && type.equals(x.path("type").asText()))
                .findFirst();
        if (alarm.isEmpty()) return "no active " + type + " alarm for " + booth + " at the gateway";
        String id = alarm.get().path("id").asText();
        try {
            if (s instanceof Step.Ack) {
                gateway.ack(id, "simulator");
            } else {
                gateway.resolve(id, "simulator", ((Step.Resolve) s).reason());
            }
            out.println("  at " + Durations.format(s.at()) + ": " + describeStaff(s).replaceFirst("^line \\d+: ", "") + " (alarm " + id + ")");
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static String describeStaff(Step s) {
        if (s instanceof Step.Ack a) return "line " + a.line() + ": ack " + a.booth() + " " + a.type();
        Step.Resolve r = (Step.Resolve) s;
        return "line " + r.line() + ": resolve " + r.booth() + " " + r.type() + " " + r.reason();
    }

    private Observation observe(Instant since) {
        try {
            return new Observation(gateway.booths(), gateway.alarmsSince(since), null, booths);
        } catch (IOException e) {
            return new Observation(Map.of(), List.of(), e.getMessage(), booths);
        }
    }
}
