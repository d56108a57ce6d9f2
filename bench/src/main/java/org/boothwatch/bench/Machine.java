package org.boothwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were taken on. */
final class Machine {
    private Machine() {}

    /** The CPU model, from /proc/cpuinfo. */
    static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return "?";
    }

    /**
     * Two yardsticks, taken before anything else runs, so that runs on machines of the same size can be compared
     * (two "2-core" machines of this project differed by 1.7x in what the gateway could take): SHA-256 over
     * 64 MB on one thread (MB/s), and the cost of one small write(2) to /dev/null (µs), since at thousands of
     * messages a second the system calls of broker, gateway and booths are a large part of the machine's work.
     */
    static String yardsticks() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 16; i++) sha.update(block); // warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < 64; i++) sha.update(block);
            sha.digest();
            double mbs = 64 / ((System.nanoTime() - t0) / 1e9);
            int n = 200_000;
            try (var out = new java.io.FileOutputStream("/dev/null")) {
                for (int i = 0; i < 20_000; i++) out.write(1);
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) out.write(1);
                double us = (System.nanoTime() - t1) / 1e3 / n;
                return String.format("sha256 %.0f MB/s, write(2) %.2f us", mbs, us);
            }
        } catch (Exception e) {
            return "yardsticks failed: " + e;
        }
    }

    /** CPU time stolen by the hypervisor since boot, all cores, in seconds (the "steal" column of /proc/stat). */
    static double stealSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[8]) / 100.0;
        } catch (Exception e) {
            return -1;
        }
    }

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
