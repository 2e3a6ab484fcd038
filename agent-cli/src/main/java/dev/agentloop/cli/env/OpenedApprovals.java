package dev.agentloop.cli.env;

import dev.agentloop.core.spi.ApprovalHandler;
import java.util.Objects;

/**
 * Approvals that hold a resource (the database pool of {@code agent serve}'s approvals), closed with them.
 *
 * @param handler asks and waits for a person's decision
 * @param resources closed by {@link #close()}
 */
public record OpenedApprovals(ApprovalHandler handler, AutoCloseable resources) implements AutoCloseable {

    /**
     * Checks the components.
     *
     * @param handler asks and waits for a person's decision
     * @param resources closed by {@link #close()}
     */
    public OpenedApprovals {
        Objects.requireNonNull(handler, "handler");
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
