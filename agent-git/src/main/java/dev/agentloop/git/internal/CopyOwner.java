package dev.agentloop.git.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The process that made a working copy: its pid and start time (so a reused pid is not taken for the owner), on a
 * host, in one boot. Written as the lock reason of the git worktree ({@code agentloop pid=... started=... host=...
 * boot=...}), so that a later run can tell a copy whose owner was killed from one still in use.
 */
record CopyOwner(long pid, long startedMillis, String host, String bootId) {

    static final String REASON_PREFIX = "agentloop";

    static CopyOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new CopyOwner(self.pid(), startMillis(self), hostId(), read("/proc/sys/kernel/random/boot_id"));
    }

    /** The worktree lock reason that records this owner. */
    String lockReason() {
        return REASON_PREFIX + " pid=" + pid + " started=" + startedMillis + " host=" + host + " boot=" + bootId;
    }

    /** The owner a lock reason records; empty when the worktree was not locked by this module. */
    static Optional<CopyOwner> fromLockReason(String reason) {
        String[] words = reason.trim().split("\\s+");
        if (words.length == 0 || !words[0].equals(REASON_PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        try {
            return Optional.of(new CopyOwner(
                    Long.parseLong(fields.get("pid")),
                    Long.parseLong(fields.getOrDefault("started", "0")),
                    fields.getOrDefault("host", ""),
                    fields.getOrDefault("boot", "")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * True when this owner ran on the observer's host and is certainly gone: another boot, no such process, or the
     * pid now belongs to a process started at another time. An owner on another host (a repository on a shared
     * disk) is never judged gone.
     */
    boolean isGoneAsSeenBy(CopyOwner observer) {
        if (!host.equals(observer.host)) {
            return false;
        }
        if (!bootId.isEmpty() && !observer.bootId.isEmpty() && !bootId.equals(observer.bootId)) {
            return true;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        long started = startMillis(handle.get());
        return startedMillis != 0 && started != 0 && started != startedMillis;
    }

    private static long startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static String hostId() {
        String machine = read("/etc/machine-id");
        if (!machine.isEmpty()) {
            return machine;
        }
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("\\s", "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim().replaceAll("\\s", "");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
