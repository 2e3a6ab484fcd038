package dev.agentloop.sandbox.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns a sandbox container: a process (pid and start time, so a reused pid is not mistaken for the owner) on
 * a host (machine id) in one boot. Stored as container labels; the reaper asks whether the owner is gone.
 */
public record OwnerIdentity(long pid, long startedMillis, String host, String bootId) {

    public static final String LABEL_PID = "dev.agentloop.owner.pid";
    public static final String LABEL_STARTED = "dev.agentloop.owner.started";
    public static final String LABEL_HOST = "dev.agentloop.owner.host";
    public static final String LABEL_BOOT = "dev.agentloop.owner.boot";

    /** This process. */
    public static OwnerIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        return new OwnerIdentity(
                self.pid(), startMillis(self).orElse(0L), hostId(), read("/proc/sys/kernel/random/boot_id"));
    }

    public Map<String, String> labels() {
        return Map.of(
                LABEL_PID,
                Long.toString(pid),
                LABEL_STARTED,
                Long.toString(startedMillis),
                LABEL_HOST,
                host,
                LABEL_BOOT,
                bootId);
    }

    /** The owner recorded in a container's labels, if they are complete. */
    public static Optional<OwnerIdentity> fromLabels(Map<String, String> labels) {
        try {
            return Optional.of(new OwnerIdentity(
                    Long.parseLong(labels.get(LABEL_PID)),
                    Long.parseLong(labels.getOrDefault(LABEL_STARTED, "0")),
                    labels.getOrDefault(LABEL_HOST, ""),
                    labels.getOrDefault(LABEL_BOOT, "")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * True when this owner lived on the same host as {@code observer} and is certainly gone: another boot, no
     * such pid, or the pid now belongs to a process started at another time. Owners on other hosts are never
     * judged gone (they may share the engine).
     */
    public boolean isGoneAsSeenBy(OwnerIdentity observer) {
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
        Optional<Long> started = startMillis(handle.get());
        return startedMillis != 0 && started.isPresent() && started.get() != startedMillis;
    }

    private static Optional<Long> startMillis(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }

    private static String hostId() {
        String machine = read("/etc/machine-id");
        if (!machine.isEmpty()) {
            return machine;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
