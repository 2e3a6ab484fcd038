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
 */
public record ExecRequest(
        List<String> command, String workingDirectory, Map<String, String> environment, Duration timeout) {

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
    }

    public static ExecRequest of(String... command) {
        return new ExecRequest(List.of(command), "", Map.of(), null);
    }

    public static ExecRequest shell(String script) {
        return new ExecRequest(List.of("sh", "-c", script), "", Map.of(), null);
    }

    public ExecRequest withTimeout(Duration limit) {
        return new ExecRequest(command, workingDirectory, environment, Objects.requireNonNull(limit, "limit"));
    }
}
