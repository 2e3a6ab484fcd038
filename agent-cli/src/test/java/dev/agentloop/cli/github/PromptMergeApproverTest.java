package dev.agentloop.cli.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.git.github.Approval;
import dev.agentloop.git.github.GrantedApprovals;
import dev.agentloop.git.github.IssueRef;
import dev.agentloop.git.github.PullRequest;
import dev.agentloop.git.github.RiskAssessment;
import dev.agentloop.git.github.RiskTier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptMergeApproverTest {

    final List<String> asked = new ArrayList<>();
    final IssueRef issue = IssueRef.parse("octo/textkit#7");
    final PullRequest pr = new PullRequest(100, "https://github.test/octo/textkit/pull/100");
    final RiskAssessment low = new RiskAssessment(RiskTier.LOW, List.of("small"), false, false);

    PromptMergeApprover answering(String... answers) {
        Deque<String> queue = new ArrayDeque<>(List.of(answers));
        return new PromptMergeApprover(
                question -> {
                    asked.add(question);
                    return Optional.ofNullable(queue.poll());
                },
                "alice");
    }

    @Test
    void yesGrantsTheApprovalInThePersonsName() {
        GrantedApprovals granted = answering("y").ask(issue, pr, low, Set.of(Approval.MERGE));

        assertThat(granted).isEqualTo(new GrantedApprovals(Set.of(Approval.MERGE), "alice"));
        assertThat(asked)
                .containsExactly("Merge pull request https://github.test/octo/textkit/pull/100 for octo/textkit#7 (risk"
                        + " low)? [y/N] ");
    }

    @Test
    void anAnswerButYesIsThePersonsDenial() {
        GrantedApprovals no = answering("n").ask(issue, pr, low, Set.of(Approval.MERGE));
        assertThat(no.isDenial()).isTrue();
        assertThat(no.by()).isEqualTo("alice");
        assertThat(no.note()).isEqualTo("answered \"n\" at the terminal");
        assertThat(answering("").ask(issue, pr, low, Set.of(Approval.MERGE)).isDenial())
                .as("an empty line takes the default, no")
                .isTrue();
    }

    @Test
    void noAnswerAtAllGrantsNothingAndDeniesNothing() {
        assertThat(answering().ask(issue, pr, low, Set.of(Approval.MERGE))).isEqualTo(GrantedApprovals.NONE);
    }

    @Test
    void asksForEachMissingApprovalAndStopsAtTheFirstNo() {
        GrantedApprovals granted = answering("yes", "no")
                .ask(issue, pr, low, Set.of(Approval.MERGE, Approval.DEPENDENCY, Approval.SCHEMA));

        assertThat(asked).hasSize(2);
        assertThat(asked.get(0)).contains("Merge pull request");
        assertThat(asked.get(1)).contains("changes a dependency");
        assertThat(granted.approvals()).containsExactly(Approval.MERGE);
    }
}
