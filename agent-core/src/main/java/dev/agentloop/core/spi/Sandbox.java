package dev.agentloop.core.spi;

/**
 * Where generated code runs. One {@link SandboxSession} per task, kept warm across the task's iterations.
 * Implementations: {@code DockerSandbox} (default) and {@code ProcessSandbox} (less isolation, says so).
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Opens a session for one task.
     *
     * @param spec the task, its language and workspace
     * @return the session, which the caller closes
     * @throws SandboxException when the sandbox cannot be started; the message names the image or the cause
     */
    SandboxSession open(SandboxSpec spec);

    /** {@return a short description for logs and {@code agent doctor}, e.g. {@code docker (agentloop/python)}} */
    String describe();

    /** Releases shared resources (clients, pools). Idempotent. Sessions must be closed by their owners. */
    @Override
    default void close() {}
}
