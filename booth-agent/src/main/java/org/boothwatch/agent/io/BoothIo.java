package org.boothwatch.agent.io;

import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;

/**
 * The booth's IO in our own terms: inputs read as booleans after the active level is applied
 * (true = occupied / motion / pressed), and the lamp and buzzer. Implementations: {@link Pi4jBoothIo}
 * (real GPIO, or Pi4J's mock provider) and {@link SimulatedBoothIo} (in memory, for the simulator).
 */
public interface BoothIo extends AutoCloseable {

    /** Called when an input changes. Must return quickly; it may be called on an IO thread. */
    @FunctionalInterface
    interface Listener {
        void inputChanged(Input input, boolean active);
    }

    /** @throws BoothIoException when the input cannot be read */
    boolean read(Input input);

    /** Sets the one listener (null removes it). */
    void setListener(Listener listener);

    /** Lamp off, on (steady) or flashing; the implementation does the flashing. */
    void setLamp(Lamp lamp);

    void setBuzzer(Buzzer buzzer);

    /** Outputs off, resources released. */
    @Override
    void close();
}
