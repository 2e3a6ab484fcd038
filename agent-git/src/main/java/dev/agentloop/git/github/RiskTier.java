package dev.agentloop.git.github;

/** How much a change could break, from its diff. */
public enum RiskTier {
    /** Tests or docs only, or a small change inside existing functions. */
    LOW,
    /** New features (new functions or files), larger changes, dependency changes. */
    MEDIUM,
    /** Public signatures changed, database migrations, security-sensitive paths. */
    HIGH;

    /**
     * Lower-case name, as printed and configured.
     *
     * @return the id
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
