package dev.agentloop.core.spi;

import java.util.Optional;

/**
 * A page of task history, newest first.
 *
 * @param limit rows per page, 1..1000
 * @param offset rows to skip
 * @param status only tasks with this status; empty for all
 */
public record HistoryQuery(int limit, int offset, Optional<TaskStatus> status) {

    /**
     * Checks the components.
     *
     * @param limit rows per page, 1..1000
     * @param offset rows to skip
     * @param status only tasks with this status; empty for all
     * @throws IllegalArgumentException when the limit is outside 1..1000 or the offset negative
     */
    public HistoryQuery {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be in 1..1000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        status = status == null ? Optional.empty() : status;
    }

    /**
     * {@return the newest tasks, any status}
     *
     * @param limit how many, 1..1000
     */
    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(limit, 0, Optional.empty());
    }
}
