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
 * @param via where the run went when not in this process, for the audit trail's {@code run} entry, e.g. {@code
 *     queued task 5d1eb61a-...}; empty for a run of this process
 */
public record IssueRunResult(AgentResult result, Optional<Path> branchRepository, RunFacts facts, String via) {

    /**
     * Checks the components: none may be null.
     *
     * @param result the run's result (a solved one carries the hand-off: branch, patch, files)
     * @param branchRepository the local repository holding the hand-off's branch (the cached clone); empty when none
     * @param facts what the run's events said, for the pull request's description
     * @param via where the run went when not in this process, for the audit trail; empty for a run of this process
     */
    public IssueRunResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(branchRepository, "branchRepository");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(via, "via");
    }

    /**
     * A run of this process.
     *
     * @param result the run's result (a solved one carries the hand-off: branch, patch, files)
     * @param branchRepository the local repository holding the hand-off's branch (the cached clone); empty when none
     * @param facts what the run's events said, for the pull request's description
     */
    public IssueRunResult(AgentResult result, Optional<Path> branchRepository, RunFacts facts) {
        this(result, branchRepository, facts, "");
    }
}
