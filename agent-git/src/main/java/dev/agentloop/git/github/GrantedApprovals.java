package dev.agentloop.git.github;

import java.util.Set;

/**
 * A person's answer to the approvals a pull request needs: what was granted, by whom, and their note. An answer that
 * grants nothing but names who gave it is a denial; {@link #NONE} is no answer at all (nobody could be asked).
 *
 * @param approvals what was approved; empty when denied or unanswered
 * @param by who decided, for the audit trail and the pull request's comment; empty when nobody answered
 * @param note the person's remark; may be empty
 */
public record GrantedApprovals(Set<Approval> approvals, String by, String note) {

    /** Nothing granted: nobody answered. */
    public static final GrantedApprovals NONE = new GrantedApprovals(Set.of(), "", "");

    /**
     * Copies the approvals; a null approver or note becomes empty.
     *
     * @param approvals what was approved
     * @param by who decided
     * @param note the person's remark
     */
    public GrantedApprovals {
        approvals = Set.copyOf(approvals);
        by = by == null ? "" : by;
        note = note == null ? "" : note;
    }

    /**
     * Approvals without a note.
     *
     * @param approvals what was approved
     * @param by who approved
     */
    public GrantedApprovals(Set<Approval> approvals, String by) {
        this(approvals, by, "");
    }

    /**
     * {@return a denial}
     *
     * @param by who denied
     * @param note why; may be empty
     */
    public static GrantedApprovals denied(String by, String note) {
        return new GrantedApprovals(Set.of(), by, note);
    }

    /** {@return true when a person answered and granted nothing} */
    public boolean isDenial() {
        return approvals.isEmpty() && !by.isEmpty();
    }
}
