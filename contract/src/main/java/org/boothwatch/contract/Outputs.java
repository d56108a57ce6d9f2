package org.boothwatch.contract;

public record Outputs(Lamp lamp, Buzzer buzzer) {}
