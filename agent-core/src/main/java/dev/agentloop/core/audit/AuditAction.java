package dev.agentloop.core.audit;

/** An external action the audit trail records. */
public enum AuditAction {
    /** An issue was read from the forge. */
    ISSUE_READ,
    /** An issue was claimed (assigned and commented on) so that no other run takes it. */
    CLAIM,
    /** The agent ran an issue's task; the entry carries the run's cost. */
    RUN,
    /** A branch was pushed. */
    PUSH,
    /** A pull request was opened. */
    PULL_REQUEST,
    /** A comment was written on an issue or a pull request. */
    COMMENT,
    /** A pull request was merged. */
    MERGE,
    /** The merge policy decided (its reasons in the detail). */
    POLICY_DECISION,
    /** A person approved or denied a merge; the entry's actor is who decided, its result ok or refused. */
    APPROVAL;

    /**
     * Lower-case, hyphenated, as printed: {@code issue-read}.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
