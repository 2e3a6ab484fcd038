package dev.agentloop.core.spi;

import dev.agentloop.core.Phase;
import dev.agentloop.core.event.IterationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One finished iteration, with its metrics.
 *
 * @param taskId the task
 * @param number 1-based iteration number
 * @param outcome how it ended
 * @param phaseDurations time spent per phase
 * @param phaseTokens tokens used per phase
 * @param testsPassed passed test cases (0 when tests did not run)
 * @param testsTotal test cases run
 * @param diff the unified diff of the edits applied in this iteration; empty when none
 * @param summary one line for a person
 * @param startedAt when it started
 * @param finishedAt when it ended
 */
public record IterationRecord(
        UUID taskId,
        int number,
        IterationOutcome outcome,
        Map<Phase, Duration> phaseDurations,
        Map<Phase, Long> phaseTokens,
        int testsPassed,
        int testsTotal,
        String diff,
        String summary,
        Instant startedAt,
        Instant finishedAt) {

    /**
     * Checks the components.
     *
     * @param taskId the task
     * @param number 1-based iteration number
     * @param outcome how it ended
     * @param phaseDurations time spent per phase
     * @param phaseTokens tokens used per phase
     * @param testsPassed passed test cases (0 when tests did not run)
     * @param testsTotal test cases run
     * @param diff the unified diff of the edits applied in this iteration; empty when none
     * @param summary one line for a person
     * @param startedAt when it started
     * @param finishedAt when it ended
     * @throws IllegalArgumentException when the number is below 1
     */
    public IterationRecord {
        Objects.requireNonNull(taskId, "taskId");
        if (number < 1) {
            throw new IllegalArgumentException("number must be >= 1, was " + number);
        }
        Objects.requireNonNull(outcome, "outcome");
        phaseDurations = Map.copyOf(phaseDurations);
        phaseTokens = Map.copyOf(phaseTokens);
        diff = diff == null ? "" : diff;
        summary = summary == null ? "" : summary;
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /**
     * Passed over total, 0 when no test ran.
     *
     * @return the pass rate, 0..1
     */
    public double passRate() {
        return testsTotal == 0 ? 0.0 : (double) testsPassed / testsTotal;
    }
}
