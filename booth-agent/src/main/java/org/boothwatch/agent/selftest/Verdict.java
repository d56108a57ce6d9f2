package org.boothwatch.agent.selftest;

/** The outcome of one commissioning check. Only PASS counts as passed: a skipped check is not a pass. */
public enum Verdict { PASS, FAIL, SKIP }
