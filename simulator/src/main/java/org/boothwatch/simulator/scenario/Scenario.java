package org.boothwatch.simulator.scenario;

import java.time.Duration;
import java.util.List;

/** A parsed scenario: the declared booths and the steps in time order (file order for ties). */
public record Scenario(String name, List<String> booths, List<Step> steps) {
    public Scenario {
        booths = List.copyOf(booths);
        steps = List.copyOf(steps);
    }

    /** Virtual time by which every step, including every {@code within}, is over. */
    public Duration end() {
        Duration end = Duration.ZERO;
        for (Step s : steps) {
            Duration t = s instanceof Step.Expect e ? e.at().plus(e.within()) : s.at();
            if (t.compareTo(end) > 0) end = t;
        }
        return end;
    }

    public List<Step.Expect> expectations() {
        return steps.stream().filter(s -> s instanceof Step.Expect).map(s -> (Step.Expect) s).toList();
    }
}
