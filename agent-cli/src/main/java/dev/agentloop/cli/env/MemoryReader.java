package dev.agentloop.cli.env;

import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code agent history}, {@code agent show} and {@code agent memory stats} read from the failure memory. Opened
 * read-only: no migration, no connection pool, no embedding model, so that looking at past runs starts fast.
 */
public interface MemoryReader extends AutoCloseable {

    /** A page of tasks, newest first. */
    List<TaskSummary> history(HistoryQuery query);

    /**
     * One task in detail.
     *
     * @param idOrPrefix a full task id or a unique prefix of at least 4 characters
     * @throws IllegalArgumentException when the prefix matches several tasks (the message lists them)
     */
    Optional<TaskDetail> task(String idOrPrefix);

    /** Counts, schema version and embedding model, as label to value in display order. */
    Map<String, String> stats();

    @Override
    default void close() {}
}
