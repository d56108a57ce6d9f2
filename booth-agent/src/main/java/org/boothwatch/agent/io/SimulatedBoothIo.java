package org.boothwatch.agent.io;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.boothwatch.contract.Buzzer;
import org.boothwatch.contract.Lamp;

/**
 * Plain in-memory booth IO for the simulator and tests: public setters drive the inputs (the listener is
 * called on the caller's thread), getters show the outputs. Thread-safe and cheap, so hundreds can run.
 */
public final class SimulatedBoothIo implements BoothIo {
    private final Map<Input, Boolean> inputs = new EnumMap<>(Input.class);
    private final Set<Input> unreadable = EnumSet.noneOf(Input.class);
    private volatile Listener listener;
    private volatile Lamp lamp = Lamp.OFF;
    private volatile Buzzer buzzer = Buzzer.OFF;

    public SimulatedBoothIo() {
        for (Input i : Input.values()) inputs.put(i, false);
    }

    /** Sets an input; the listener hears about it only when the level changes. */
    public void setInput(Input input, boolean active) {
        boolean changed;
        synchronized (this) {
            changed = inputs.put(input, active) != active;
        }
        Listener l = listener;
        if (changed && l != null) l.inputChanged(input, active);
    }

    public void setOccupied(boolean v) { setInput(Input.OCCUPANCY, v); }
    public void setMotion(boolean v) { setInput(Input.MOTION, v); }
    public void setPanic(boolean v) { setInput(Input.PANIC, v); }
    public void setReset(boolean v) { setInput(Input.RESET, v); }

    /** Makes an input fail to read (a broken sensor), or readable again. */
    public synchronized void setUnreadable(Input input, boolean broken) {
        if (broken) unreadable.add(input); else unreadable.remove(input);
    }

    @Override
    public synchronized boolean read(Input input) {
        if (unreadable.contains(input)) throw new BoothIoException(input.key() + " input is unreadable (simulated)");
        return inputs.get(input);
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void setLamp(Lamp lamp) {
        this.lamp = lamp;
    }

    @Override
    public void setBuzzer(Buzzer buzzer) {
        this.buzzer = buzzer;
    }

    public Lamp getLamp() { return lamp; }

    public Buzzer getBuzzer() { return buzzer; }

    @Override
    public void close() {
        listener = null;
        lamp = Lamp.OFF;
        buzzer = Buzzer.OFF;
    }
}
