package dev.agentloop.git.github;

import java.util.List;
import java.util.Locale;

/**
 * What a pull request's description says about the run that made it.
 *
 * @param issue the issue
 * @param summary the run's summary (the model's notes)
 * @param files changed files
 * @param diffStat {@code git diff --stat}
 * @param testsBefore the baseline, e.g. "1 passed, 2 failing"
 * @param testsAfter the last test run, e.g. "3/3 tests passed"
 * @param failures failures met on the way (one line each)
 * @param memoryHits past failures the memory recalled
 * @param tokens tokens used
 * @param cost the estimated cost
 * @param risk the risk tier and its reasons
 * @param decision the merge policy's decision
 * @param mode the merge mode
 */
public record PullRequestReport(
        IssueRef issue,
        String summary,
        List<String> files,
        String diffStat,
        String testsBefore,
        String testsAfter,
        List<String> failures,
        int memoryHits,
        long tokens,
        double cost,
        RiskAssessment risk,
        PolicyDecision decision,
        MergeMode mode) {

    public PullRequestReport {
        files = List.copyOf(files);
        failures = List.copyOf(failures);
    }

    /** The pull request's body, in GitHub Markdown; {@code Fixes #N} closes the issue on merge. */
    public String body() {
        StringBuilder b = new StringBuilder();
        b.append("Fixes #")
                .append(issue.number())
                .append("\n\n## Summary\n\n")
                .append(summary.isBlank() ? "(no summary)" : summary.strip())
                .append("\n\n## Files changed\n\n");
        files.forEach(f -> b.append("- `").append(f).append("`\n"));
        if (!diffStat.isBlank()) {
            b.append("\n```\n").append(diffStat.strip()).append("\n```\n");
        }
        b.append("\n## Tests\n\n- before: ")
                .append(testsBefore)
                .append("\n- after: ")
                .append(testsAfter)
                .append("\n\n## Failures met\n\n");
        if (failures.isEmpty()) {
            b.append("none\n");
        } else {
            failures.forEach(f -> b.append("- ").append(f).append('\n'));
        }
        b.append("\nMemory hits used: ")
                .append(memoryHits)
                .append("\n\n## Cost\n\n")
                .append(String.format(Locale.ROOT, "%,d tokens, %.4f", tokens, cost))
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
}
