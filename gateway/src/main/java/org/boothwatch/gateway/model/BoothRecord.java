package org.boothwatch.gateway.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.boothwatch.contract.Outputs;
import org.boothwatch.contract.Phase;

/** One booth's live record. Mutated only on the gateway's processor thread. */
final class BoothRecord {
    final String booth;
    boolean online;
    Phase phase;
    boolean occupied;
    Instant occupiedSince;
    Instant lastMotionAt;
    Instant lastSeenAt;
    long lastSeenNanos;
    String agentVersion;
    /** The agent start currently speaking for the booth. */
    String bootId;
    /** Earlier agent starts: their late wills and stale states are ignored. */
    final Deque<String> retiredBootIds = new ArrayDeque<>();
    Map<String, Object> config = Map.of();
    Outputs outputs;
    List<String> faults = List.of();
    String stateBootId;
    long stateSeq = -1;
    Instant stateAt;
    Set<String> stateAlarmIds = Set.of();
    String lastSeqBootId;
    long lastSeq = -1;
    /** The last remote TEST (null: none since the gateway started); pending while status is TESTING. */
    TestView lastTest;
    long testRequestedNanos;

    BoothRecord(String booth) {
        this.booth = booth;
    }

    boolean retired(String boot) {
        return retiredBootIds.contains(boot);
    }

    /** Makes {@code boot} the current agent start; true when it replaced another. */
    boolean adopt(String boot) {
        if (boot.equals(bootId)) return false;
        if (bootId != null) {
            retiredBootIds.addFirst(bootId);
            while (retiredBootIds.size() > 16) retiredBootIds.removeLast();
        }
        bootId = boot;
        return true;
    }
}
