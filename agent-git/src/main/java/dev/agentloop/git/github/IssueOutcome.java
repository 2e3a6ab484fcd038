package dev.agentloop.git.github;

import dev.agentloop.core.AgentResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What handling an issue did.
 *
 * @param issue the issue
 * @param status where it ended
 * @param result the run's result; empty when no run started
 * @param pullRequest the pull request opened; empty when none
 * @param risk the change's risk; empty without a change
 * @param decision the merge policy's final decision; empty without a pull request
 */
public record IssueOutcome(
        IssueRef issue,
        IssueStatus status,
        Optional<AgentResult> result,
        Optional<PullRequest> pullRequest,
        Optional<RiskAssessment> risk,
        Optional<PolicyDecision> decision) {

    /**
     * Checks the components: none may be null.
     *
     * @param issue the issue
     * @param status where it ended
     * @param result the run's result; empty when no run started
     * @param pullRequest the pull request opened; empty when none
     * @param risk the change's risk; empty without a change
     * @param decision the merge policy's final decision; empty without a pull request
     */
    public IssueOutcome {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(pullRequest, "pullRequest");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(decision, "decision");
    }

    static IssueOutcome withoutPullRequest(IssueRef issue, IssueStatus status, Optional<AgentResult> result) {
        return new IssueOutcome(issue, status, result, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
