package dev.agentloop.memory;

/**
 * What {@code agent memory stats} prints.
 *
 * @param tasks stored tasks
 * @param failures stored failures
 * @param fixes stored fixes
 * @param verifiedFixes fixes verified by a passing test run
 * @param patterns stored success patterns
 * @param retrievals failures handed to runs, counted per run and iteration
 * @param spoolBacklog writes waiting in the spool file for the database
 * @param schemaVersion the applied migration version; empty for the in-memory implementation
 * @param embeddingModel the name of the model the vectors were made with
 * @param dimension the vectors' length
 */
public record MemoryStats(
        long tasks,
        long failures,
        long fixes,
        long verifiedFixes,
        long patterns,
        long retrievals,
        int spoolBacklog,
        String schemaVersion,
        String embeddingModel,
        int dimension) {}
