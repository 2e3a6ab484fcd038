package dev.agentloop.memory.internal;

import dev.agentloop.memory.RetryPolicy;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a database action under a {@link RetryPolicy}: retries what may go away (connections, timeouts). */
public final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    public Retrier(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /** A database action. */
    @FunctionalInterface
    public interface Action {
        void run() throws SQLException;
    }

    /**
     * Runs {@code action}, retrying transient failures; the last failure is thrown, with the earlier ones
     * suppressed. A non-transient failure (a constraint, a syntax error) is thrown at once.
     */
    public void run(String what, Action action) throws SQLException {
        SQLException first = null;
        for (int attempt = 1; ; attempt++) {
            try {
                action.run();
                return;
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
                if (!transientFailure(e)
                        || attempt >= policy.maxAttempts()
                        || Thread.currentThread().isInterrupted()) {
                    throw first;
                }
                log.debug("{} failed (attempt {} of {}): {}", what, attempt, policy.maxAttempts(), e.getMessage());
                sleeper.sleep(policy.backoffAfter(attempt));
            }
        }
    }

    /**
     * Connection failures (SQLState class 08), timeouts, serialization failures and deadlocks (40xxx), an admin
     * shutdown (57P) and the pool's own timeout may succeed when repeated.
     */
    public static boolean transientFailure(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return true; // pool timeouts and broken sockets often carry none
        }
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("57P") || state.startsWith("53");
    }
}
