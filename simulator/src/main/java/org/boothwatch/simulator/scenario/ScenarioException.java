package org.boothwatch.simulator.scenario;

import java.util.List;

/** A scenario file that cannot be run; the message lists every bad line with its number. */
public final class ScenarioException extends Exception {
    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s)\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
