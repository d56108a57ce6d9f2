package org.boothwatch.gateway.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.boothwatch.contract.CommandType;

/** What one model step changed: views to push, records to store, commands and escalations to send. */
public final class Changes {
    /** A command for a booth. */
    public record Command(String booth, CommandType cmd, String alarmId, String by, String reason) {}

    public final Set<String> booths = new LinkedHashSet<>();
    public final Set<AlarmRecord> alarms = new LinkedHashSet<>();
    public final List<AlarmRecord> escalated = new ArrayList<>();
    public final List<Command> commands = new ArrayList<>();

    public boolean isEmpty() {
        return booths.isEmpty() && alarms.isEmpty() && escalated.isEmpty() && commands.isEmpty();
    }

    void alarm(AlarmRecord a) {
        alarms.add(a);
        booths.add(a.booth);
    }
}
