package dev.agentloop.cli.env;

import java.util.function.LongConsumer;

/** The failure memory's maintenance operations. */
public interface MemoryAdmin extends AutoCloseable {

    /** Counts and sizes, as label to value in display order. */
    java.util.Map<String, String> stats();

    /**
     * Recomputes every embedding with the configured embedding model.
     *
     * @param progress called with the number of failures re-embedded so far
     * @return how many were re-embedded
     */
    long reembed(LongConsumer progress);

    @Override
    default void close() {}
}
