package dev.agentloop.git.github;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a pull request's description says about the run that made it.
 *
 * @param issue the issue
 * @param summary what was done, in a few lines
 * @param facts the run's plan, tests before and after, failures met and memory hits used
 * @param files changed files
 * @param diffStat {@code git diff --stat}
 * @param tokens tokens used
 * @param cost the estimated cost
 * @param risk the risk tier and its reasons
 * @param decision the merge policy's decision
 * @param mode the merge mode
 */
public record PullRequestReport(
        IssueRef issue,
        String summary,
        RunFacts facts,
        List<String> files,
        String diffStat,
        long tokens,
        double cost,
        RiskAssessment risk,
        PolicyDecision decision,
        MergeMode mode) {

    /**
     * Checks the components; a null summary or diff stat becomes empty, the files are copied.
     *
     * @param issue the issue
     * @param summary what was done, in a few lines
     * @param facts the run's plan, tests before and after, failures met and memory hits used
     * @param files changed files
     * @param diffStat {@code git diff --stat}
     * @param tokens tokens used
     * @param cost the estimated cost
     * @param risk the risk tier and its reasons
     * @param decision the merge policy's decision
     * @param mode the merge mode
     */
    public PullRequestReport {
        Objects.requireNonNull(issue, "issue");
        summary = summary == null ? "" : summary;
        Objects.requireNonNull(facts, "facts");
        files = List.copyOf(files);
        diffStat = diffStat == null ? "" : diffStat;
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(mode, "mode");
    }

    /** {@return the pull request's body, in GitHub Markdown; {@code Fixes #N} closes the issue on merge} */
    public String body() {
        StringBuilder b = new StringBuilder();
        b.append("Fixes #").append(issue.number()).append("\n\n## Summary\n\n");
        b.append(summary.isBlank() ? "(no summary)" : summary.strip()).append("\n\n## Plan\n\n");
        if (facts.plan().isBlank()) {
            b.append("(no plan was made)\n");
        } else {
            b.append("```\n").append(facts.plan().strip()).append("\n```\n");
        }
        b.append("\n## Files changed\n\n");
        files.forEach(f -> b.append("- `").append(f).append("`\n"));
        if (!diffStat.isBlank()) {
            b.append("\n```\n").append(diffStat.strip()).append("\n```\n");
        }
        b.append("\n## Tests\n\n- before: ")
                .append(facts.testsBefore().isBlank() ? "not run" : facts.testsBefore())
                .append("\n- after: ")
                .append(facts.testsAfter().isBlank() ? "not run" : facts.testsAfter())
                .append("\n\n## Failures met\n\n");
        list(b, facts.failures());
        b.append("\n## Memory hits used\n\n");
        list(b, facts.memoryHits());
        b.append("\n## Tokens and cost\n\n")
                .append(String.format(Locale.ROOT, "%,d tokens, cost %.4f", tokens, cost))
                .append("\n\n## Risk: ")
                .append(risk.tier().id())
                .append("\n\n");
        risk.reasons().forEach(r -> b.append("- ").append(r).append('\n'));
        b.append("\n## Merge policy (")
                .append(mode.id())
                .append(" mode): ")
                .append(decision.verdict() == MergeVerdict.MERGE ? "merge" : "left open for a person")
                .append("\n\n");
        decision.reasons().forEach(r -> b.append("- ").append(r).append('\n'));
        return b.toString();
    }

    private static void list(StringBuilder b, List<String> lines) {
        if (lines.isEmpty()) {
            b.append("none\n");
        } else {
            lines.forEach(
                    l -> b.append("- ").append(l.strip().replace("\n", " ")).append('\n'));
        }
    }
}
