package dev.agentloop.memory;

import dev.agentloop.core.spi.FailureMemory;

/**
 * A {@link FailureMemory} the CLI can inspect and maintain: {@code agent memory stats}, {@code agent memory
 * reembed} and {@code agent doctor}.
 */
public interface ManagedFailureMemory extends FailureMemory {

    /**
     * Counts, spool backlog, schema version and embedding model.
     *
     * @throws dev.agentloop.core.spi.MemoryException when the memory cannot be read
     */
    MemoryStats stats();

    /** What works and what does not; never throws. */
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
}
