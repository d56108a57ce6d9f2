package org.boothwatch.simulator.run;

import java.util.List;

/** The outcome of one scenario run. */
public record RunResult(String scenario, int expectations, int passed, List<String> failures) {
    public boolean ok() {
        return failures.isEmpty();
    }

    public String summary() {
        if (ok()) return scenario + ": PASSED, all " + expectations + " expectations held";
        StringBuilder b = new StringBuilder(scenario + ": FAILED, " + failures.size() + " problem(s), "
                + passed + " of " + expectations + " expectations held");
        for (String f : failures) b.append("\n  - ").append(f);
        return b.toString();
    }
}
