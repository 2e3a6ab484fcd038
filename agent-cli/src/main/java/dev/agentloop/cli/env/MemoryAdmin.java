package dev.agentloop.cli.env;

import dev.agentloop.memory.IndexBuildSettings;
import dev.agentloop.memory.ReindexListener;
import java.util.List;

/**
 * The failure memory opened for maintenance ({@code agent memory migrate|reembed|reindex}): opening it applies the
 * schema migrations.
 */
public interface MemoryAdmin extends AutoCloseable {

    /** The schema version after the migrations applied on open. */
    String schemaVersion();

    /**
     * Recomputes every embedding with the configured embedding model.
     *
     * @param progress told how many rows are done out of how many
     * @return how many rows were re-embedded
     */
    long reembed(Progress progress);

    /**
     * Rebuilds the memory's vector indexes (the memory stays usable meanwhile).
     *
     * @param settings the memory and workers the builds may use
     * @param listener told how each build progresses, about once a second
     * @return the indexes rebuilt
     */
    List<String> reindex(IndexBuildSettings settings, ReindexListener listener);

    @Override
    default void close() {}

    /** Progress of a re-embed. */
    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
