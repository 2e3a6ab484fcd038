package dev.agentloop.sandbox.internal;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs commands where a sandbox puts them: a warm container, a (bubblewrapped) host process. No policy here: the
 * session checks hooks, dependencies and scans before it calls this.
 */
public interface CommandExecutor extends AutoCloseable {

    /**
     * Runs one command with a time limit, keeping at most {@code capBytes} of each output stream.
     *
     * @throws dev.agentloop.core.spi.SandboxException when the sandbox itself fails
     */
    ExecResult execute(ExecRequest request, Duration timeout, long capBytes);

    /** The workspace as commands see it. */
    String workspacePath();

    /** A scratch file outside the workspace, as commands see it. */
    String scratchPath(String name);

    /** Reads and deletes a scratch file; empty when it does not exist. */
    Optional<String> readScratch(String name);

    /** A short description, e.g. {@code docker agentloop/python (3f2a...)}. */
    String describe();

    @Override
    void close();
}
