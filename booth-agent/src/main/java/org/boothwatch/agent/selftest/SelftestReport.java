package org.boothwatch.agent.selftest;

import java.util.List;

/** Every check of one selftest run, in order. */
public record SelftestReport(List<StepResult> results) {
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_NOT_PASSED = 1;

    public SelftestReport {
        results = List.copyOf(results);
    }

    /** True only when there was at least one check and every check passed (no FAIL, no SKIP). */
    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(r -> r.verdict() == Verdict.PASS);
    }

    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    /** 0 when every check passed, else 1. */
    public int exitCode() {
        return passed() ? EXIT_PASSED : EXIT_NOT_PASSED;
    }
}
