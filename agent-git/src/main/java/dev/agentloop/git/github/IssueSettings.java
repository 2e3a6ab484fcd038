package dev.agentloop.git.github;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How issues are handled.
 *
 * @param mode who merges: manual (default), supervised or autonomous
 * @param allowedRepos repositories the agent may work on ({@code owner/name}, {@code *} for any run of characters);
 *     anything else is refused
 * @param riskRules what makes a change low, medium or high risk
 * @param approvals what a person approved ahead (on the command line)
 * @param dailyCostCap the most the runs may spend per UTC day, all repositories; 0 for no cap
 */
public record IssueSettings(
        MergeMode mode, List<String> allowedRepos, RiskRules riskRules, Set<Approval> approvals, double dailyCostCap) {

    /**
     * Copies the lists.
     *
     * @param mode who merges: manual (default), supervised or autonomous
     * @param allowedRepos repositories the agent may work on ({@code owner/name}, {@code *} for any run of characters);
     *     anything else is refused
     * @param riskRules what makes a change low, medium or high risk
     * @param approvals what a person approved ahead (on the command line)
     * @param dailyCostCap the most the runs may spend per UTC day, all repositories; 0 for no cap
     * @throws IllegalArgumentException when the daily cost cap is negative or not a number
     */
    public IssueSettings {
        Objects.requireNonNull(mode, "mode");
        allowedRepos = List.copyOf(allowedRepos);
        Objects.requireNonNull(riskRules, "riskRules");
        approvals = Set.copyOf(approvals);
        if (!(dailyCostCap >= 0) || Double.isInfinite(dailyCostCap)) {
            throw new IllegalArgumentException("dailyCostCap must be a finite number >= 0, was " + dailyCostCap);
        }
    }

    /**
     * Manual mode, any repository, the default risk rules, nothing approved, no cap.
     *
     * @return the defaults
     */
    public static IssueSettings ofDefaults() {
        return new IssueSettings(MergeMode.MANUAL, List.of("*"), RiskRules.ofDefaults(), Set.of(), 0);
    }

    /**
     * {@return a copy with another merge mode}
     *
     * @param value who merges
     */
    public IssueSettings withMode(MergeMode value) {
        return new IssueSettings(value, allowedRepos, riskRules, approvals, dailyCostCap);
    }

    /**
     * {@return a copy with other allowed repositories}
     *
     * @param value {@code owner/name} patterns
     */
    public IssueSettings withAllowedRepos(List<String> value) {
        return new IssueSettings(mode, value, riskRules, approvals, dailyCostCap);
    }

    /**
     * {@return a copy with other approvals given ahead}
     *
     * @param value what a person approved
     */
    public IssueSettings withApprovals(Set<Approval> value) {
        return new IssueSettings(mode, allowedRepos, riskRules, value, dailyCostCap);
    }

    /**
     * {@return a copy with another daily cost cap}
     *
     * @param value the most per UTC day; 0 for no cap
     */
    public IssueSettings withDailyCostCap(double value) {
        return new IssueSettings(mode, allowedRepos, riskRules, approvals, value);
    }

    /**
     * {@return a copy with other risk rules}
     *
     * @param value what makes a change low, medium or high risk
     */
    public IssueSettings withRiskRules(RiskRules value) {
        return new IssueSettings(mode, allowedRepos, value, approvals, dailyCostCap);
    }
}
