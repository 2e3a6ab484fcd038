package dev.agentloop.core.audit;

/** An external action the audit trail records. */
public enum AuditAction {
    ISSUE_READ,
    CLAIM,
    PUSH,
    PULL_REQUEST,
    COMMENT,
    MERGE,
    POLICY_DECISION;

    /** Lower-case, hyphenated, as printed: {@code issue-read}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
