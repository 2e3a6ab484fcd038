package dev.agentloop.core.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run in a {@link SandboxSession}.
 *
 * @param command the argv; run without a shell unless the caller puts one there ({@code sh -c ...})
 * @param workingDirectory relative to the workspace root; empty for the root
 * @param environment extra environment variables
 * @param timeout the limit after which the whole process tree is killed; {@code null} for the sandbox's default
 * @param cpus the CPUs the command may use for its duration when that is more than the sandbox's limit, for the
 *     library's own tools that parallelise (the repository map's parser); a sandbox grants it up to its own ceiling
 *     and restores its limit afterwards, or ignores it when it has no CPU limit; {@code null} for the sandbox's
 *     limit. Commands of the model or the project never ask for it.
 */
public record ExecRequest(
        List<String> command, String workingDirectory, Map<String, String> environment, Duration timeout, Double cpus) {

    /**
     * Copies the command and environment; a null working directory becomes empty.
     *
     * @param command the argv; run without a shell unless the caller puts one there ({@code sh -c ...})
     * @param workingDirectory relative to the workspace root; empty for the root
     * @param environment extra environment variables
     * @param timeout the limit after which the whole process tree is killed; {@code null} for the sandbox's default
     * @param cpus the CPUs the command may use for its duration when that is more than the sandbox's limit; {@code
     *     null} for the sandbox's limit
     * @throws IllegalArgumentException when the command is empty, or the timeout or CPU count is not positive
     */
    public ExecRequest {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        workingDirectory = workingDirectory == null ? "" : workingDirectory;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (cpus != null && !(cpus > 0)) {
            throw new IllegalArgumentException("cpus must be positive, was " + cpus);
        }
    }

    /**
     * A command within the sandbox's CPU limit.
     *
     * @param command the argv
     * @param workingDirectory relative to the workspace root; empty for the root
     * @param environment extra environment variables
     * @param timeout the limit after which the whole process tree is killed; {@code null} for the sandbox's default
     */
    public ExecRequest(
            List<String> command, String workingDirectory, Map<String, String> environment, Duration timeout) {
        this(command, workingDirectory, environment, timeout, null);
    }

    /**
     * {@return a command run without a shell, in the workspace root, with the sandbox's default timeout}
     *
     * @param command the argv, not empty
     */
    public static ExecRequest of(String... command) {
        return new ExecRequest(List.of(command), "", Map.of(), null);
    }

    /**
     * {@return a script run by {@code sh -c}, in the workspace root, with the sandbox's default timeout}
     *
     * @param script the shell script
     */
    public static ExecRequest shell(String script) {
        return new ExecRequest(List.of("sh", "-c", script), "", Map.of(), null);
    }

    /**
     * {@return a copy with another time limit}
     *
     * @param limit after which the whole process tree is killed
     */
    public ExecRequest withTimeout(Duration limit) {
        return new ExecRequest(command, workingDirectory, environment, Objects.requireNonNull(limit, "limit"), cpus);
    }

    /**
     * This command, allowed up to this many CPUs for its duration (see {@link #cpus()}).
     *
     * @param count the CPUs, positive
     * @return the copy
     * @throws IllegalArgumentException when the count is not positive
     */
    public ExecRequest withCpus(double count) {
        return new ExecRequest(command, workingDirectory, environment, timeout, count);
    }
}
