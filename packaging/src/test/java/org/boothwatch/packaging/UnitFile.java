package org.boothwatch.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file as sections of (repeatable) keys, for checking keys without systemd. */
final class UnitFile {

    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    static UnitFile parse(String text) {
        UnitFile unit = new UnitFile();
        String section = null;
        String pending = "";
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = pending + raw.strip();
            if (line.endsWith("\\")) {
                pending = line.substring(0, line.length() - 1) + " ";
                continue;
            }
            pending = "";
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                unit.sections.putIfAbsent(section, new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (section == null || eq <= 0) {
                throw new IllegalArgumentException("line " + lineNo + " is not key=value in a section: " + raw);
            }
            unit.sections.get(section).computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return unit;
    }

    boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /** All values of a key, in order (systemd keys like Environment= may repeat). */
    List<String> all(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The effective (last) value of a key, or null. */
    String get(String section, String key) {
        List<String> values = all(section, key);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
