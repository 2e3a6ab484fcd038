package dev.agentloop.cli.github;

import java.util.Locale;

/** Where {@code agent issue} and {@code agent watch} run an issue ({@code github.runs}, flag {@code --queue}). */
public enum IssueRuns {
    /** In this process, on its Docker engine, with its model. */
    LOCAL,
    /** As a task of the queue of {@code agent serve} in the same database, run by any of its workers. */
    QUEUE;

    /**
     * Parses {@code local} or {@code queue}; the config has checked the value.
     *
     * @param id the config's value
     * @return where issues run
     */
    public static IssueRuns fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
