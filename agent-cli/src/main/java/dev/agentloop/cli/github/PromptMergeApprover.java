package dev.agentloop.cli.github;

import dev.agentloop.cli.approval.Prompter;
import dev.agentloop.git.github.Approval;
import dev.agentloop.git.github.GrantedApprovals;
import dev.agentloop.git.github.IssueRef;
import dev.agentloop.git.github.MergeApprover;
import dev.agentloop.git.github.PullRequest;
import dev.agentloop.git.github.RiskAssessment;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Supervised mode on a terminal: asks the person at it for each approval a pull request still needs, one question at
 * a time (runs of a watcher share the terminal).
 */
public final class PromptMergeApprover implements MergeApprover {

    private final Prompter prompter;
    private final String person;

    /**
     * @param person who answers, as the audit trail and the pull request's comment name them
     */
    public PromptMergeApprover(Prompter prompter, String person) {
        this.prompter = prompter;
        this.person = person;
    }

    @Override
    public synchronized GrantedApprovals ask(
            IssueRef issue, PullRequest pullRequest, RiskAssessment risk, Set<Approval> missing) {
        Set<Approval> granted = EnumSet.noneOf(Approval.class);
        for (Approval a : EnumSet.copyOf(missing)) {
            String question = switch (a) {
                case DEPENDENCY -> "Pull request " + pullRequest.url() + " changes a dependency. Approve it? [y/N] ";
                case SCHEMA -> "Pull request " + pullRequest.url() + " changes a database schema. Approve it? [y/N] ";
                case MERGE ->
                    "Merge pull request " + pullRequest.url() + " for " + issue + " (risk "
                            + risk.tier().id() + ")? [y/N] ";
            };
            Optional<String> answer =
                    prompter.ask(question).map(text -> text.trim().toLowerCase(Locale.ROOT));
            if (answer.isEmpty()) {
                // no terminal to answer (end of input): nobody decided
                return granted.isEmpty() ? GrantedApprovals.NONE : new GrantedApprovals(granted, person);
            }
            if (!answer.get().equals("y") && !answer.get().equals("yes")) {
                // an answer other than yes ([y/N]: the default is no) is the person's denial, recorded as one
                return granted.isEmpty()
                        ? GrantedApprovals.denied(person, "answered \"" + answer.get() + "\" at the terminal")
                        : new GrantedApprovals(granted, person);
            }
            granted.add(a);
        }
        return new GrantedApprovals(granted, person);
    }
}
