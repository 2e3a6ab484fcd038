package dev.agentloop.memory;

import java.util.List;

/**
 * What {@code agent doctor} checks about the memory.
 *
 * @param reachable the database answered
 * @param vectorExtension the installed pgvector version; empty when absent (or for the in-memory implementation)
 * @param schemaVersion the applied migration version; empty when none
 * @param storedModel the embedding model the stored vectors were made with; empty before the first start
 * @param configuredModel the embedding model configured now
 * @param spoolBacklog writes waiting in the spool file
 * @param problems one actionable sentence per problem; empty when all is well
 */
public record MemoryHealth(
        boolean reachable,
        String vectorExtension,
        String schemaVersion,
        String storedModel,
        String configuredModel,
        int spoolBacklog,
        List<String> problems) {

    /**
     * Copies the problems.
     *
     * @param reachable the database answered
     * @param vectorExtension the installed pgvector version; empty when absent (or for the in-memory implementation)
     * @param schemaVersion the applied migration version; empty when none
     * @param storedModel the embedding model the stored vectors were made with; empty before the first start
     * @param configuredModel the embedding model configured now
     * @param spoolBacklog writes waiting in the spool file
     * @param problems one actionable sentence per problem; empty when all is well
     */
    public MemoryHealth {
        problems = List.copyOf(problems);
    }

    /** {@return true when the stored vectors were made with the configured model} */
    public boolean modelMatches() {
        return storedModel.isEmpty() || storedModel.equals(configuredModel);
    }

    /** {@return true when there is no problem} */
    public boolean ok() {
        return problems.isEmpty();
    }
}
