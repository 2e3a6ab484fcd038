package dev.agentloop.cli.env;

import dev.agentloop.server.QueuedIssueRunner;
import java.util.Objects;

/**
 * The queue of {@code agent serve} opened for submitting issues (a database pool), closed with it.
 *
 * @param runner submits an issue as a task and waits for its end
 * @param resources closed by {@link #close()}
 */
public record OpenedQueue(QueuedIssueRunner runner, AutoCloseable resources) implements AutoCloseable {

    /**
     * Checks the components.
     *
     * @param runner submits an issue as a task and waits for its end
     * @param resources closed by {@link #close()}
     */
    public OpenedQueue {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(resources, "resources");
    }

    @Override
    public void close() {
        RuntimeException failed = Resources.closeAll(java.util.List.of(resources), null);
        if (failed != null) {
            throw failed;
        }
    }
}
