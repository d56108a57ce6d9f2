package org.boothwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were taken on. */
final class Machine {
    private Machine() {}

    static long memTotalMb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("\\D+", "")) / 1024;
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return -1;
    }

    static String loadAvg() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** CPU time (user + system) a process has used so far, in seconds; -1 when unknown. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return -1;
        }
    }
}
