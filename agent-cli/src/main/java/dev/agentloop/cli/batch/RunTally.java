package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.PhaseEntered;

/**
 * What one run's events say that its result does not: how many past failures the memory handed over, and whether a
 * handed-over failure came with a fix before an iteration passed. Updated on the run's thread, read by others.
 */
final class RunTally {

    private volatile int memoryHits;
    private volatile int lastIterationWithFixHit = -1;
    private volatile String phase = "INIT";
    private volatile int iteration;

    void onEvent(AgentEvent event) {
        iteration = Math.max(iteration, event.iteration());
        if (event instanceof MemoryHit hit) {
            memoryHits += hit.hits().size();
            if (hit.hits().stream().anyMatch(MemoryHit.Hit::hasFix)) {
                lastIterationWithFixHit = hit.iteration();
            }
        } else if (event instanceof PhaseEntered e) {
            phase = e.phase().name();
        }
    }

    int memoryHits() {
        return memoryHits;
    }

    /**
     * A retrieved failure with a linked fix was handed over in some iteration, and a later one passed: the run solved
     * the task after being shown a past fix.
     */
    boolean fixReused(AgentResult result) {
        int hitAt = lastIterationWithFixHit;
        return result instanceof AgentResult.Solved && hitAt >= 0 && hitAt < result.iterations();
    }

    String phase() {
        return phase;
    }

    int iteration() {
        return iteration;
    }
}
