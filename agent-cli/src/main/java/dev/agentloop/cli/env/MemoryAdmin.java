package dev.agentloop.cli.env;

import java.util.Map;

/** The failure memory's maintenance operations ({@code agent memory stats|reembed}). */
public interface MemoryAdmin extends AutoCloseable {

    /** Counts and sizes, as label to value in display order. */
    Map<String, String> stats();

    /**
     * Recomputes every embedding with the configured embedding model.
     *
     * @param progress told how many rows are done out of how many
     * @return how many rows were re-embedded
     */
    long reembed(Progress progress);

    @Override
    default void close() {}

    /** Progress of a re-embed. */
    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
