package dev.agentloop.core.spi;

import dev.agentloop.core.source.RepositoryInfo;
import java.util.List;
import java.util.Optional;

/**
 * One task for {@code agent show}: its iterations with failures, retrieved fixes and diffs.
 *
 * @param summary the task's history row
 * @param iterations its iterations in order
 * @param failures the failures recorded in it
 * @param fixes the fixes recorded for its failures
 * @param retrievals the past failures handed to it, per iteration
 * @param approvals the approvals asked and answered
 */
public record TaskDetail(
        TaskSummary summary,
        List<IterationRecord> iterations,
        List<FailureRecord> failures,
        List<FixRecord> fixes,
        List<RetrievalRecord> retrievals,
        List<ApprovalRecord> approvals) {

    /**
     * Copies the lists.
     *
     * @param summary the task's history row
     * @param iterations its iterations in order
     * @param failures the failures recorded in it
     * @param fixes the fixes recorded for its failures
     * @param retrievals the past failures handed to it, per iteration
     * @param approvals the approvals asked and answered
     */
    public TaskDetail {
        iterations = List.copyOf(iterations);
        failures = List.copyOf(failures);
        fixes = List.copyOf(fixes);
        retrievals = List.copyOf(retrievals);
        approvals = List.copyOf(approvals);
    }

    /**
     * {@return the existing project the task worked on (name, location, remote, base ref and commit); empty for a new
     * module}
     */
    public Optional<RepositoryInfo> repository() {
        return summary.repository();
    }

    /**
     * {@return the branch, commit, changed files and (bounded) patch the run handed back; empty when there was none}
     */
    public Optional<HandoffRecord> handoff() {
        return summary.handoff();
    }
}
