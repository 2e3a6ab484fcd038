package dev.agentloop.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Which past failures were handed to a run at one iteration; the memory derives usefulness statistics from it and
 * the task's final status.
 *
 * @param taskId the task the failures were handed to
 * @param iteration the iteration
 * @param hits the failures handed over, with their similarity
 */
public record RetrievalRecord(UUID taskId, int iteration, List<Hit> hits) {

    /**
     * Checks the components; the hits are copied.
     *
     * @param taskId the task the failures were handed to
     * @param iteration the iteration
     * @param hits the failures handed over, with their similarity
     */
    public RetrievalRecord {
        Objects.requireNonNull(taskId, "taskId");
        hits = List.copyOf(hits);
    }

    /** One retrieved failure and its similarity. */
    public record Hit(UUID failureId, double similarity) {}
}
