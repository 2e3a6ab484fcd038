package dev.agentloop.git.github;

import java.util.List;

/**
 * What a run's events said, for a pull request's description.
 *
 * @param plan the last plan (empty when PLAN did not run)
 * @param testsBefore the baseline, e.g. "1 passed, 2 failing" (empty when no baseline ran)
 * @param testsAfter the last test run, e.g. "3/3 passed" (empty when no test ran)
 * @param failures the failures met, one line each, in order, each once
 * @param memoryHits the past failures the memory recalled, one line each, each once
 * @param tokens tokens of every model call
 * @param lastIteration the last iteration's one-line summary
 */
public record RunFacts(
        String plan,
        String testsBefore,
        String testsAfter,
        List<String> failures,
        List<String> memoryHits,
        long tokens,
        String lastIteration) {

    /**
     * Checks the components; null texts become empty, the lists are copied.
     *
     * @param plan the last plan (empty when PLAN did not run)
     * @param testsBefore the baseline, e.g. "1 passed, 2 failing" (empty when no baseline ran)
     * @param testsAfter the last test run, e.g. "3/3 passed" (empty when no test ran)
     * @param failures the failures met, one line each, in order, each once
     * @param memoryHits the past failures the memory recalled, one line each, each once
     * @param tokens tokens of every model call
     * @param lastIteration the last iteration's one-line summary
     */
    public RunFacts {
        plan = plan == null ? "" : plan;
        testsBefore = testsBefore == null ? "" : testsBefore;
        testsAfter = testsAfter == null ? "" : testsAfter;
        failures = List.copyOf(failures);
        memoryHits = List.copyOf(memoryHits);
        lastIteration = lastIteration == null ? "" : lastIteration;
    }

    /** {@return nothing known (a run that never started)} */
    public static RunFacts none() {
        return new RunFacts("", "", "", List.of(), List.of(), 0, "");
    }
}
