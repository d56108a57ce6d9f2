package org.boothwatch.simulator.booth;

import java.util.Optional;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;
import org.boothwatch.contract.Phase;
import org.boothwatch.simulator.scenario.BoothAction;

/** One virtual booth as scenarios, the load model and the control page drive it. */
public interface BoothControl {
    String id();

    /** Performs a booth action (CONTRACT §8); never blocks for long. */
    void perform(BoothAction action);

    /** The booth lamp output as the hardware would show it now. */
    Lamp lamp();

    Buzzer buzzer();

    /** The agent's own phase, empty while the agent is crashed. */
    Optional<Phase> phase();

    boolean agentRunning();

    boolean networkCut();

    boolean occupied();

    boolean moving();
}
