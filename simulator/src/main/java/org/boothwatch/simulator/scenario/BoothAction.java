package org.boothwatch.simulator.scenario;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What can happen at a booth (CONTRACT §8), as written in scenario files. */
public enum BoothAction {
    ENTER("enter"), LEAVE("leave"), MOVE("move"), MOVING("moving"), STILL("still"),
    PANIC("panic"), RESET("reset"), NET_CUT("net-cut"), NET_RESTORE("net-restore"),
    CRASH("crash"), RESTART("restart");

    public final String word;

    BoothAction(String word) {
        this.word = word;
    }

    public static Optional<BoothAction> of(String word) {
        return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(a -> a.word).collect(Collectors.joining(" | "));
    }
}
