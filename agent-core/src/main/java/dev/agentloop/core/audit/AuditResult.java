package dev.agentloop.core.audit;

/** How an audited action ended. */
public enum AuditResult {
    /** It was done. */
    OK,
    /** It was decided against (a policy, an allow-list, a missing approval). */
    REFUSED,
    /** It was attempted and failed. */
    FAILED
}
