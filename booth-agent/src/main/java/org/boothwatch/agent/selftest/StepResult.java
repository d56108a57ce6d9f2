package org.boothwatch.agent.selftest;

/** One line of the selftest summary: the check, its verdict and what was seen (pins, levels, reasons). */
public record StepResult(String step, Verdict verdict, String detail) {}
