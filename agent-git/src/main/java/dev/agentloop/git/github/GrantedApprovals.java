package dev.agentloop.git.github;

import java.util.Set;

/**
 * Approvals a person gave.
 *
 * @param approvals what was approved
 * @param by who approved, for the audit trail and the pull request's comment
 */
public record GrantedApprovals(Set<Approval> approvals, String by) {

    /** Nothing granted. */
    public static final GrantedApprovals NONE = new GrantedApprovals(Set.of(), "");

    /**
     * Copies the approvals; a null approver becomes empty.
     *
     * @param approvals what was approved
     * @param by who approved, for the audit trail and the pull request's comment
     */
    public GrantedApprovals {
        approvals = Set.copyOf(approvals);
        by = by == null ? "" : by;
    }
}
