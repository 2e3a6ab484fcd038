package dev.agentloop.core.spi;

import java.util.List;

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

    public TaskDetail {
        iterations = List.copyOf(iterations);
        failures = List.copyOf(failures);
        fixes = List.copyOf(fixes);
        retrievals = List.copyOf(retrievals);
        approvals = List.copyOf(approvals);
    }
}
