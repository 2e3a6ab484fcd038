package dev.agentloop.cli.env;

import dev.agentloop.core.Agent;
import dev.agentloop.core.spi.Sandbox;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@link Agent} that many runs share, with the sandbox it runs code in (the batch also judges with it) and what
 * was opened for it, closed once every run has ended.
 */
public final class SharedAgent implements AutoCloseable {

    private final Agent agent;
    private final Sandbox sandbox;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param resources closed in order by {@link #close()} (the sandbox among them when it should be closed)
     */
    public SharedAgent(Agent agent, Sandbox sandbox, List<AutoCloseable> resources) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.resources = List.copyOf(resources);
    }

    public Agent agent() {
        return agent;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** Closes the sandbox and the memory. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RuntimeException failure = Resources.closeAll(resources, null);
            if (failure != null) {
                throw failure;
            }
        }
    }
}
