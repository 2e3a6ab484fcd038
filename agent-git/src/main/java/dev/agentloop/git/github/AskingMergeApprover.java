package dev.agentloop.git.github;

import dev.agentloop.core.spi.ApprovalDecision;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalKind;
import dev.agentloop.core.spi.ApprovalRequest;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Supervised mode through any {@link ApprovalHandler} — e.g. the server's approvals API, where a person approves from
 * the dashboard or with {@code POST /api/v1/approvals/{id}}: one {@link ApprovalKind#MERGE} question per pull request
 * whose subject is the pull request's address and whose reason names the issue, the risk and every approval it
 * grants. Approved grants all the missing approvals; denied grants none, and the denial (who, why) is reported.
 */
public final class AskingMergeApprover implements MergeApprover {

    private final ApprovalHandler handler;

    /** @param handler who decides; called on the flow's thread, which waits for the answer */
    public AskingMergeApprover(ApprovalHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Asks one question for all the missing approvals.
     *
     * <p>The request's task id is derived from the pull request's address: the issue's run is not a task of the
     * handler's, and the same pull request always asks under the same id.
     */
    @Override
    public GrantedApprovals ask(IssueRef issue, PullRequest pullRequest, RiskAssessment risk, Set<Approval> missing) {
        Set<Approval> asked = missing.isEmpty() ? EnumSet.of(Approval.MERGE) : EnumSet.copyOf(missing);
        UUID id = UUID.nameUUIDFromBytes(pullRequest.url().getBytes(StandardCharsets.UTF_8));
        String reason = "Merge pull request #" + pullRequest.number() + " for " + issue + " (risk "
                + risk.tier().id() + (risk.reasons().isEmpty() ? "" : ": " + String.join("; ", risk.reasons()))
                + "); approving grants: " + names(asked) + ".";
        ApprovalDecision decision =
                handler.decide(new ApprovalRequest(id, ApprovalKind.MERGE, pullRequest.url(), reason));
        return decision.approved()
                ? new GrantedApprovals(asked, decision.decidedBy(), decision.note())
                : GrantedApprovals.denied(decision.decidedBy(), decision.note());
    }

    private static String names(Set<Approval> approvals) {
        return String.join(
                ", ",
                approvals.stream()
                        .map(a -> a == Approval.MERGE ? "merge" : a.name().toLowerCase(Locale.ROOT) + " change")
                        .toList());
    }
}
