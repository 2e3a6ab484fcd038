package dev.agentloop.sandbox.spi;

import dev.agentloop.core.spi.ExecRequest;
import dev.agentloop.core.spi.ExecResult;
import java.time.Duration;
import java.util.Optional;

/** What a {@link TestRunner} may do in a session. */
public interface TestRunContext {

    /**
     * Runs the runner's own command in the session (not checked by the execution hooks: runners build their
     * commands themselves). The request's timeout, or {@link #timeout()} when it has none, applies.
     *
     * @param request the command, run in the workspace
     * @return its exit status and output
     */
    ExecResult exec(ExecRequest request);

    /** {@return the workspace's path as commands in the session see it, e.g. {@code /workspace}} */
    String workspacePath();

    /**
     * {@return a path for a file a command may write outside the workspace (a report), as commands see it} Each call
     * with
     * the same name gives the same path within one session.
     *
     * @param name a file name, without folders
     */
    String scratchPath(String name);

    /**
     * Reads a scratch file left by a command and deletes it; empty when it does not exist.
     *
     * @param name the name given to {@link #scratchPath(String)}
     * @return the file's text, or empty
     */
    Optional<String> readScratch(String name);

    /** {@return the time limit of this test run} */
    Duration timeout();
}
