package dev.agentloop.sandbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark figures depend on besides the code: the machine's load and the JDK. */
final class BenchEnv {

    private BenchEnv() {}

    /** The 1, 5 and 15 minute load averages, or "?" where {@code /proc/loadavg} cannot be read. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static String jdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version");
    }
}
