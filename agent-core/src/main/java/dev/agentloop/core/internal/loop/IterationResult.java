package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;

/**
 * How an iteration ended, with its one-line summary and test counts (both 0 when the tests did not run).
 *
 * @param summary one line for a person; long or multi-line text is shortened when recorded
 */
record IterationResult(IterationOutcome outcome, String summary, int passed, int total) {

    /** An iteration that ended before its tests ran. */
    static IterationResult withoutTests(IterationOutcome outcome, String summary) {
        return new IterationResult(outcome, summary, 0, 0);
    }
}
