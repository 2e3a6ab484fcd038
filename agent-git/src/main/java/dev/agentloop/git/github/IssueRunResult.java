package dev.agentloop.git.github;

import dev.agentloop.core.AgentResult;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an issue's run ended.
 *
 * @param result the run's result (a solved one carries the hand-off: branch, patch, files)
 * @param branchRepository the local repository holding the hand-off's branch (the cached clone); empty when none
 * @param facts what the run's events said, for the pull request's description
 */
public record IssueRunResult(AgentResult result, Optional<Path> branchRepository, RunFacts facts) {

    /**
     * Checks the components: none may be null.
     *
     * @param result the run's result (a solved one carries the hand-off: branch, patch, files)
     * @param branchRepository the local repository holding the hand-off's branch (the cached clone); empty when none
     * @param facts what the run's events said, for the pull request's description
     */
    public IssueRunResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(branchRepository, "branchRepository");
        Objects.requireNonNull(facts, "facts");
    }
}
