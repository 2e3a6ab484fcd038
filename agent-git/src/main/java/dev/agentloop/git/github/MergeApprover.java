package dev.agentloop.git.github;

import java.util.Set;

/**
 * Asks a person for the approvals a pull request still needs to merge (supervised mode): the merge itself, and a
 * dependency or schema change. Implementations: a question on the terminal, a queue of approvals; {@link #nobody()}
 * when no one can answer, which leaves the pull request open.
 */
public interface MergeApprover {

    /**
     * Asks.
     *
     * @param issue the issue the pull request fixes
     * @param pullRequest the open pull request
     * @param risk the change's risk, to show the person
     * @param missing the approvals that would let it merge (never empty)
     * @return what was granted and by whom; {@link GrantedApprovals#NONE} when nothing was
     */
    GrantedApprovals ask(IssueRef issue, PullRequest pullRequest, RiskAssessment risk, Set<Approval> missing);

    /**
     * No one to ask: nothing is granted.
     *
     * @return an approver that grants nothing
     */
    static MergeApprover nobody() {
        return (issue, pullRequest, risk, missing) -> GrantedApprovals.NONE;
    }
}
