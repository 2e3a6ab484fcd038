package dev.agentloop.cli.env;

/**
 * The failure memory opened for maintenance ({@code agent memory migrate|reembed}): opening it applies the schema
 * migrations.
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

    @Override
    default void close() {}

    /** Progress of a re-embed. */
    @FunctionalInterface
    interface Progress {
        void update(int done, int total);
    }
}
