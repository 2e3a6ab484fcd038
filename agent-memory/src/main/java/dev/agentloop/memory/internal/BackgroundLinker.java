package dev.agentloop.memory.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links pending failures into the graph off the writer's thread: each {@link #request()} after a failure is written
 * makes sure one pass runs, and a pass links batches of {@link PgGraphLinks#BATCH} until none are left (also those
 * of other processes, which may have exited). A pass that fails leaves the rows pending, still found by searches, for
 * the next one.
 */
public final class BackgroundLinker {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLinker.class);

    private final DataSource dataSource;
    private final PgGraphLinks links;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopped;

    public BackgroundLinker(DataSource dataSource, PgGraphLinks links, Executor executor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.links = Objects.requireNonNull(links, "links");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Makes sure a pass runs after this call; a pass already waiting to run takes this request too. */
    public void request() {
        if (!stopped && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::pass);
            } catch (RuntimeException e) {
                // A rejected pass (the executor shut down) leaves the rows pending: found by searches, linked later.
                scheduled.set(false);
                log.debug("No pass to link pending failures: {}", e.getMessage());
            }
        }
    }

    /** Stops the pass under way after its current batch, and refuses new ones. */
    public void stop() {
        stopped = true;
    }

    private void pass() {
        // Cleared before the first batch: a failure written while this pass runs asks for the next one.
        scheduled.set(false);
        try (Connection c = dataSource.getConnection()) {
            int linked;
            do {
                linked = links.linkBatch(c, PgGraphLinks.BATCH);
            } while (linked == PgGraphLinks.BATCH && !stopped);
        } catch (SQLException | RuntimeException e) {
            log.debug(
                    "Linking pending failures into the graph failed; they stay searchable and are linked by the"
                            + " next pass: {}",
                    e.getMessage());
        }
    }

    /**
     * Links every pending failure now, on the caller's thread.
     *
     * @return how many were linked
     */
    public long linkAll() throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection()) {
            int linked;
            do {
                linked = links.linkBatch(c, PgGraphLinks.BATCH);
                total += linked;
            } while (linked > 0);
        }
        return total;
    }
}
