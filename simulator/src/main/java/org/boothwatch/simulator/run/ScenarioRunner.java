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
import org.boothwatch.contract.ScaledTimeSource;
import org.boothwatch.contract.TimeSource;
import org.boothwatch.simulator.booth.BoothControl;
import org.boothwatch.simulator.scenario.Durations;
import org.boothwatch.simulator.scenario.Scenario;
import org.boothwatch.simulator.scenario.Step;

/**
 * Runs a scenario on virtual time. Actions run when their time comes; an {@code expect} is checked
 * at its time and, with {@code within}, again and again until it holds or its deadline passes, while
 * later steps go on. Gateway-side checks use only looks at the gateway that began after the step's
 * time; a check fails once a look that began after its deadline still disagrees (or the gateway has
 * not answered for {@link #GATEWAY_SILENCE_REAL}). {@code ack}/{@code resolve} retry until the
 * gateway has the alarm, for at most {@link #STAFF_GRACE} of virtual time.
 */
public final class ScenarioRunner {
    static final Duration STAFF_GRACE = Duration.ofSeconds(10);
    static final Duration GATEWAY_SILENCE_REAL = Duration.ofSeconds(15);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Scenario scenario;
    private final Map<String, ? extends BoothControl> booths;
    private final SiteControl site;
    private final GatewayClient gateway;
    private final TimeSource time;
    private final PrintStream out;
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scenario-restarts");
        t.setDaemon(true);
        return t;
    });
    private final List<String> backgroundFailures = new CopyOnWriteArrayList<>();
    private long start;

    public ScenarioRunner(Scenario scenario, Map<String, ? extends BoothControl> booths, SiteControl site,
                          GatewayClient gateway, TimeSource time, PrintStream out) {
        this.scenario = scenario;
        this.booths = booths;
        this.site = site;
        this.gateway = gateway;
        this.time = time;
        this.out = out;
    }

    /** A check not yet decided; {@code deadlineReal} is System.nanoTime() when its virtual deadline passed, else 0. */
    private static final class Pending {
        final Step step;
        final long deadline;
        long deadlineReal;

        Pending(Step step, Duration deadline) {
            this.step = step;
            this.deadline = deadline.toNanos();
        }
    }

    public RunResult run() {
        start = time.nanos();
        try (GatewayPoller poller = new GatewayPoller(gateway, time.now().minusSeconds(60), this::now)) {
            return runSteps(poller);
        } finally {
            restarts.shutdown();
            try {
                restarts.awaitTermination(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long now() {
        return time.nanos() - start;
    }

    private RunResult runSteps(GatewayPoller poller) {
        List<Step> steps = scenario.steps();
        List<Pending> pending = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int next = 0;
        while (next < steps.size() || !pending.isEmpty()) {
            while (next < steps.size() && steps.get(next).at().toNanos() <= now()) {
                Step s = steps.get(next++);
                String problem = execute(s);
                if (problem != null) failures.add(problem);
                if (s instanceof Step.Expect e) pending.add(new Pending(e, e.at().plus(e.within())));
                if (s instanceof Step.Ack || s instanceof Step.Resolve) pending.add(new Pending(s, s.at().plus(STAFF_GRACE)));
            }
            GatewayPoller.Look look = poller.latest();
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                long checkedAt = now();
                if (p.deadlineReal == 0 && checkedAt > p.deadline) p.deadlineReal = System.nanoTime();
                String seen;
                boolean conclusive; // a disagreement now counts as a failure once the deadline passed
                if (p.step instanceof Step.Expect e && !e.what().atGateway()) {
                    seen = Observation.checkBooth(booths.get(e.booth()), e.what());
                    conclusive = checkedAt > p.deadline;
                } else {
                    boolean fresh = look != null && look.startedAt() >= p.step.at().toNanos();
                    if (!fresh) {
                        seen = "no answer from the gateway yet";
                    } else if (p.step instanceof Step.Expect e) {
                        seen = look.observation().check(e.booth(), e.what());
                        checkedAt = look.startedAt();
                    } else {
                        seen = staff(p.step, look.observation());
                    }
                    conclusive = (fresh && look.startedAt() > p.deadline)
                            || (p.deadlineReal != 0 && System.nanoTime() - p.deadlineReal > GATEWAY_SILENCE_REAL.toNanos());
                }
                if (seen == null) {
                    it.remove();
                    if (p.step instanceof Step.Expect e) {
                        passed++;
                        out.println("  ok    " + e.describe() + "  (held at " + Durations.format(Duration.ofNanos(checkedAt)) + ")");
                    }
                } else if (conclusive) {
                    it.remove();
                    String what = p.step instanceof Step.Expect e ? e.describe() : describeStaff(p.step);
                    String failure = what + "\n          saw: " + seen + "  (at " + Durations.format(Duration.ofNanos(checkedAt)) + ")";
                    failures.add(failure);
                    out.println("  FAIL  " + failure);
                }
            }
            long wait = POLL_NANOS;
            if (next < steps.size()) wait = Math.min(wait, realNanos(steps.get(next).at().toNanos() - now()));
            if (wait > 0) LockSupport.parkNanos(wait);
        }
        failures.addAll(backgroundFailures);
        return new RunResult(scenario.name(), scenario.expectations().size(), passed, failures);
    }

    private long realNanos(long virtualNanos) {
        if (virtualNanos <= 0) return 0;
        double speed = time instanceof ScaledTimeSource s ? s.speed() : 1.0;
        return (long) (virtualNanos / speed);
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
                        out.println("  " + what + " back up at " + Durations.format(Duration.ofNanos(now())));
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
            out.println("  at " + Durations.format(Duration.ofNanos(now())) + ": "
                    + describeStaff(s).replaceFirst("^line \\d+: ", "") + " (alarm " + id + ")");
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
}
