package dev.agentloop.memory;

import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.PatternMatch;
import java.util.List;

/**
 * A {@link FailureMemory} the CLI can inspect and maintain: {@code agent memory stats}, {@code agent memory
 * reembed} and {@code agent doctor}.
 */
public interface ManagedFailureMemory extends FailureMemory {

    /**
     * The ranking {@link #findSimilar} hands out from: up to {@code query.limit()} matches, best first, each with its
     * score and whether {@code findSimilar} shows it (it abstains below {@link RetrievalSettings#minScore()}). For
     * measuring and explaining what the memory offers.
     *
     * @param query the failure to match and the filters
     * @return the ranking, best first
     * @throws dev.agentloop.core.spi.MemoryException when the memory cannot be read
     */
    List<RankedMatch> rank(FailureQuery query);

    /**
     * The success patterns nearest to {@code taskText}, best first, without the similarity floor {@link
     * #findPatterns} applies ({@link RetrievalSettings#minPatternSimilarity()}).
     *
     * @param taskText the new task's text
     * @param limit 1..100
     * @return the patterns, best first
     * @throws IllegalArgumentException when the limit is out of range
     * @throws dev.agentloop.core.spi.MemoryException when the memory cannot be read
     */
    List<PatternMatch> rankPatterns(String taskText, int limit);

    /**
     * Counts, spool backlog, schema version and embedding model.
     *
     * @return the statistics
     * @throws dev.agentloop.core.spi.MemoryException when the memory cannot be read
     */
    MemoryStats stats();

    /** {@return what works and what does not; never throws} */
    MemoryHealth health();

    /**
     * Embeds every stored failure and pattern again with the configured model (and changes the vector column's
     * dimension when needed), then records the model as the memory's model.
     *
     * @param listener told about progress; may be {@link ReembedListener#NONE}
     * @return how many rows were embedded
     * @throws dev.agentloop.core.spi.MemoryException when the memory cannot be written
     */
    int reembed(ReembedListener listener);

    /**
     * Rebuilds the memory's vector indexes with the memory and workers of {@code settings}, while the memory stays
     * usable; for a memory that has outgrown its index's build settings, or whose index a migration left to be built.
     *
     * @param settings the memory and parallel workers for the build
     * @param listener told about each build's progress about once a second; may be {@link ReindexListener#NONE}
     * @return the indexes rebuilt; empty for a memory without indexes
     * @throws dev.agentloop.core.spi.MemoryException when a build fails (the old index stays)
     */
    List<String> reindex(IndexBuildSettings settings, ReindexListener listener);
}
