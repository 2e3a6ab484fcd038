package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.spi.FailureMatch;
import dev.agentloop.core.spi.FailureQuery;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.RetrievalRecord;
import java.util.List;

/**
 * Retrieves the past failures most like the current one (same language, other tasks, above the configured
 * similarity), and when there are any publishes the hit and records the retrieval, so the memory can later tell
 * whether what it offered helped.
 */
final class SimilarFailures {

    private final RunContext run;

    SimilarFailures(RunContext run) {
        this.run = run;
    }

    /** @return the matches, best first; empty when retrieval is off ({@code retrievalLimit} 0) or nothing matched */
    List<FailureMatch> like(FailureRecord failure) {
        int limit = run.config().retrievalLimit();
        if (limit == 0) {
            return List.of();
        }
        FailureQuery query = FailureQuery.similarTo(failure)
                .withLimit(limit)
                .withLanguage(run.task().language())
                .withMinSimilarity(run.config().minSimilarity())
                .excludingTask(run.taskId());
        List<FailureMatch> similar = run.memory().findSimilar(query);
        if (!similar.isEmpty()) {
            run.events()
                    .publish(new MemoryHit(
                            run.taskId(),
                            run.iteration(),
                            run.now(),
                            similar.stream()
                                    .map(m -> new MemoryHit.Hit(
                                            m.failure().id(),
                                            m.failure().taskId(),
                                            m.similarity(),
                                            m.fix().isPresent(),
                                            m.failure().headline()))
                                    .toList()));
            run.memory()
                    .recordRetrieval(new RetrievalRecord(
                            run.taskId(),
                            run.iteration(),
                            similar.stream()
                                    .map(m ->
                                            new RetrievalRecord.Hit(m.failure().id(), m.similarity()))
                                    .toList()));
        }
        return similar;
    }
}
