package org.boothwatch.agent.queue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.boothwatch.contract.AlarmInfo;
import org.boothwatch.contract.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The active alarms on disk, so a restarted agent still knows (and shows) a latched alarm. */
public final class ActiveAlarmStore {
    private static final Logger log = LoggerFactory.getLogger(ActiveAlarmStore.class);
    private final Path file;

    public ActiveAlarmStore(Path file) {
        this.file = file;
    }

    public List<AlarmInfo> load() {
        try {
            List<AlarmInfo> a = Json.MAPPER.readValue(Files.readAllBytes(file), new TypeReference<List<AlarmInfo>>() {});
            return a.stream().filter(x -> x != null && x.id() != null && x.type() != null && x.active()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            log.error("cannot read active alarms from {} ({}); starting without them", file, e.getMessage());
            return List.of();
        }
    }

    public void save(List<AlarmInfo> active) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Json.write(active));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.error("cannot save active alarms to {}: {}", file, e.getMessage());
        }
    }
}
