package org.boothwatch.agent.selftest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.boothwatch.agent.io.Input;

/**
 * A scripted technician: answers each prompt of a running selftest as it appears on the {@link Screen},
 * driving the booth's inputs through {@code set} and typing on {@link TypedInput}.
 */
final class Technician {
    static final String PRESS_PANIC = "PRESS the panic button";
    static final String RELEASE_PANIC = "RELEASE the panic button";
    static final String PRESS_RESET = "PRESS the staff reset button";
    static final String RELEASE_RESET = "RELEASE the staff reset button";
    static final String WALK_IN = "WALK INTO the booth";
    static final String WAVE = "WAVE an arm";
    static final String LEAVE = "LEAVE the booth";
    static final String LAMP_Q = "Is the booth lamp lit?";
    static final String FLASH_Q = "Is the booth lamp flashing?";
    static final String BUZZER_Q = "Do you hear the buzzer?";

    final Screen screen = new Screen();
    final TypedInput keyboard = new TypedInput();
    private final BiConsumer<Input, Boolean> set;

    /** @param set drives one input to active (true) or at rest (false) */
    Technician(BiConsumer<Input, Boolean> set) {
        this.set = set;
    }

    CompletableFuture<SelftestReport> start(Selftest selftest) {
        return CompletableFuture.supplyAsync(selftest::run);
    }

    void when(String prompt, Input in, boolean active) {
        screen.awaitText(prompt);
        set.accept(in, active);
    }

    void answer(String question, String line) {
        screen.awaitText(question);
        keyboard.type(line);
    }

    /** Does every input step as asked. */
    void doAllInputs() {
        when(PRESS_PANIC, Input.PANIC, true);
        when(RELEASE_PANIC, Input.PANIC, false);
        when(PRESS_RESET, Input.RESET, true);
        when(RELEASE_RESET, Input.RESET, false);
        when(WALK_IN, Input.OCCUPANCY, true);
        when(WAVE, Input.MOTION, true);
        when(LEAVE, Input.OCCUPANCY, false);
    }

    /** Every input step except the wave (for a motion sensor that cannot be read). */
    void doAllInputsExceptWave() {
        when(PRESS_PANIC, Input.PANIC, true);
        when(RELEASE_PANIC, Input.PANIC, false);
        when(PRESS_RESET, Input.RESET, true);
        when(RELEASE_RESET, Input.RESET, false);
        when(WALK_IN, Input.OCCUPANCY, true);
        when(LEAVE, Input.OCCUPANCY, false);
    }

    void confirmAllOutputs() {
        answer(LAMP_Q, "y");
        answer(FLASH_Q, "y");
        answer(BUZZER_Q, "y");
    }

    static SelftestReport finish(CompletableFuture<SelftestReport> run) throws Exception {
        return run.get(30, TimeUnit.SECONDS);
    }
}
