package dev.agentloop.cli.env;

import dev.agentloop.server.spi.HealthCheck;
import dev.agentloop.server.spi.TaskAgents;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * What {@code agent serve} runs tasks with: the database pool the server's tables and the memory share, the agents
 * (one memory, one sandbox, the models), the health checks of Docker and the model endpoint, and what to close.
 */
public final class ServerParts implements AutoCloseable {

    private final DataSource dataSource;
    private final TaskAgents agents;
    private final List<HealthCheck> checks;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param resources closed in order by {@link #close()}
     */
    public ServerParts(
            DataSource dataSource, TaskAgents agents, List<HealthCheck> checks, List<AutoCloseable> resources) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.checks = List.copyOf(checks);
        this.resources = List.copyOf(resources);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public TaskAgents agents() {
        return agents;
    }

    public List<HealthCheck> checks() {
        return checks;
    }

    /** Closes the sandbox, the memory and the pool. Idempotent. */
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
