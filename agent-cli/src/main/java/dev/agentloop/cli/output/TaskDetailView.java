package dev.agentloop.cli.output;

import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.FailureRecord;
import dev.agentloop.core.spi.FixRecord;
import dev.agentloop.core.spi.IterationRecord;
import dev.agentloop.core.spi.RetrievalRecord;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskSummary;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders {@code agent show ID}: a task's iterations with phases, tests, failures, retrieved fixes and diffs; for a
 * task on an existing project also its repository and the branch, changed files and patch it handed back.
 */
public final class TaskDetailView {

    private TaskDetailView() {}

    /**
     * @param withDiffs print each iteration's diff and the handed-back patch
     * @param width the terminal width, used to cut long lines other than diffs
     */
    public static List<String> render(TaskDetail d, boolean withDiffs, int width, ZoneId zone) {
        List<String> out = new ArrayList<>();
        TaskSummary s = d.summary();
        out.add("Task " + s.task().id());
        out.add("  " + s.task().text().strip().replace("\n", "\n  "));
        out.add("  " + s.task().language().id() + ", " + s.task().projectType().id()
                + (s.task().project().isEmpty() ? "" : ", project " + s.task().project()) + "; started "
                + Text.when(s.startedAt(), zone));
        out.add("  status " + HistoryView.fullStatus(s) + "; " + s.iterations() + " iteration(s), "
                + Text.count(s.tokens()) + " tokens, " + Text.cost(s.cost()) + ", " + Text.duration(s.duration())
                + ", " + s.memoryHits() + " memory hit(s)");
        d.repository().ifPresent(r -> out.addAll(RepositoryView.repository(r, width)));
        for (IterationRecord it : d.iterations()) {
            out.add("");
            String tests = it.testsTotal() > 0 ? it.testsPassed() + "/" + it.testsTotal() + " tests passed" : "";
            // the loop's summary often is just the test count; say it once
            String summary = it.summary().strip();
            // the loop appends the iteration's actions to its summary, one per line after the first
            List<String> more = summary.lines().skip(1).toList();
            summary = summary.lines().findFirst().orElse("");
            out.add(Text.cut(
                    "Iteration " + it.number() + ": " + Text.words(it.outcome())
                            + (tests.isEmpty() ? "" : ", " + tests)
                            + (summary.isEmpty() || summary.equals(tests) ? "" : " - " + summary),
                    width));
            more.forEach(line -> out.add(Text.cut("  " + line, width)));
            if (!it.phaseDurations().isEmpty()) {
                out.add(Text.cut("  phases: " + phases(it.phaseDurations(), it.phaseTokens()), width));
            }
            for (FailureRecord f : failuresOf(d, it.number())) {
                out.add(Text.cut("  failure stored " + Text.shortId(f.id()) + ": " + f.headline(), width));
                if (!f.failingTest().isBlank()) {
                    out.add(Text.cut("    in " + f.failingTest(), width));
                }
                if (!f.files().isEmpty()) {
                    out.add(Text.cut("    files " + String.join(", ", f.files()), width));
                }
            }
            for (RetrievalRecord r : d.retrievals()) {
                if (r.iteration() == it.number()) {
                    for (RetrievalRecord.Hit h : r.hits()) {
                        out.add("  past failure retrieved " + Text.shortId(h.failureId()) + " (similarity "
                                + Text.similarity(h.similarity()) + ")");
                    }
                }
            }
            for (FixRecord fix : d.fixes()) {
                if (fix.passedIteration() == it.number()) {
                    out.add("  fix linked to failure " + Text.shortId(fix.failureId())
                            + (fix.verified() ? " (verified)" : ""));
                }
            }
            for (ApprovalRecord a : d.approvals()) {
                if (a.iteration() == it.number()) {
                    out.add(Text.cut(approval(a), width));
                }
            }
            if (withDiffs && !it.diff().isBlank()) {
                out.add("  diff:");
                it.diff().lines().forEach(l -> out.add("    " + l));
            }
        }
        List<ApprovalRecord> early =
                d.approvals().stream().filter(a -> a.iteration() == 0).toList();
        if (!early.isEmpty()) {
            out.add("");
            out.add("Before the first iteration:");
            early.forEach(a -> out.add(Text.cut(approval(a), width)));
        }
        d.handoff()
                .ifPresent(h -> out.addAll(RepositoryView.handoff(
                        h, d.repository(), Text.shortId(s.task().id()), withDiffs, width)));
        return out;
    }

    private static String approval(ApprovalRecord a) {
        return "  approval " + Text.words(a.request().kind()) + " '"
                + a.request().subject() + "': "
                + (a.decision().approved() ? "approved" : "denied") + " by "
                + a.decision().decidedBy()
                + (a.decision().note().isBlank() ? "" : " (" + a.decision().note() + ")");
    }

    private static List<FailureRecord> failuresOf(TaskDetail d, int iteration) {
        return d.failures().stream().filter(f -> f.iteration() == iteration).toList();
    }

    private static String phases(
            Map<dev.agentloop.core.Phase, Duration> durations, Map<dev.agentloop.core.Phase, Long> tokens) {
        return durations.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name() + " " + Text.duration(e.getValue())
                        + (tokens.getOrDefault(e.getKey(), 0L) > 0 ? " " + tokens.get(e.getKey()) + " tok" : ""))
                .collect(Collectors.joining(", "));
    }
}
