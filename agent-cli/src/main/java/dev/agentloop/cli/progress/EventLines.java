package dev.agentloop.cli.progress;

import dev.agentloop.cli.output.Text;
import dev.agentloop.core.event.ActionKind;
import dev.agentloop.core.event.ActionOutcome;
import dev.agentloop.core.event.ActionTaken;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.event.ApprovalDecided;
import dev.agentloop.core.event.BreakerEscalated;
import dev.agentloop.core.event.BreakerTripped;
import dev.agentloop.core.event.BreakerWarning;
import dev.agentloop.core.event.CommandBlocked;
import dev.agentloop.core.event.FailureStored;
import dev.agentloop.core.event.FixLinked;
import dev.agentloop.core.event.HandedOff;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.MapRanked;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.event.SourceOpened;
import dev.agentloop.core.event.TestsRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The permanent lines a person sees for each event (the live status line is separate). Events that only move the
 * status line (phases, model calls, test runs) produce no line.
 */
final class EventLines {

    private EventLines() {}

    static List<String> of(AgentEvent event, RunStats stats) {
        List<String> lines = new ArrayList<>();
        if (event instanceof RunStarted e) {
            lines.add("run " + Text.shortId(e.taskId()) + " started ("
                    + e.language().id() + ", at most " + e.maxIterations() + " iterations): "
                    + Text.firstLine(e.task(), 100));
        } else if (event instanceof IterationFinished e) {
            lines.add("iteration " + e.iteration() + "/" + stats.maxIterations() + ": " + Text.words(e.outcome())
                    + (e.summary().isBlank() ? "" : " - " + e.summary()) + " (" + Text.duration(e.elapsed())
                    + ", " + Text.count(e.tokensSoFar()) + " tokens)");
        } else if (event instanceof FailureStored e) {
            lines.add("  failure stored in memory: " + Text.firstLine(e.signature(), 110));
        } else if (event instanceof MemoryHit e) {
            for (MemoryHit.Hit h : e.hits()) {
                lines.add("  memory hit: similarity " + Text.similarity(h.similarity()) + ", task "
                        + Text.shortId(h.pastTaskId()) + (h.hasFix() ? ", fix known" : ", no fix yet") + ": "
                        + Text.firstLine(h.summary(), 90));
            }
        } else if (event instanceof FixLinked e) {
            lines.add("  fix linked to failure " + Text.shortId(e.failureId()) + " (" + e.diffLines() + " diff lines)");
        } else if (event instanceof BreakerWarning e) {
            lines.add("  breaker warning: " + e.iterationsRemaining() + " iteration(s) left"
                    + (e.detail().isBlank() ? "" : " - " + e.detail()));
        } else if (event instanceof BreakerEscalated e) {
            lines.add("  same failure again: escalating to " + Text.words(e.step()));
        } else if (event instanceof BreakerTripped e) {
            lines.add(
                    "  breaker tripped: " + Text.words(e.reason()) + (e.detail().isBlank() ? "" : " - " + e.detail()));
        } else if (event instanceof CommandBlocked e) {
            lines.add("  command blocked by rule " + e.rule() + ": " + Text.firstLine(e.command(), 80));
        } else if (event instanceof ApprovalDecided e) {
            lines.add("  " + e.request().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '"
                    + e.request().subject() + "' " + (e.decision().approved() ? "approved" : "denied") + " by "
                    + e.decision().decidedBy());
        } else if (event instanceof SourceOpened e) {
            lines.add("working on " + e.repository().location()
                    + (e.repository().isGit()
                            ? " at " + e.repository().baseRef() + " ("
                                    + e.repository()
                                            .baseCommit()
                                            .substring(
                                                    0,
                                                    Math.min(
                                                            12,
                                                            e.repository()
                                                                    .baseCommit()
                                                                    .length()))
                                    + ")"
                            : "")
                    + "; tests: " + e.testCommand());
        } else if (event instanceof TestsRun e && e.iteration() == 0) {
            lines.add("  baseline: " + e.passed() + " passed, " + (e.failed() + e.errored()) + " failing"
                    + (e.detail().startsWith("baseline:")
                            ? " (" + e.detail().substring(9).strip() + ")"
                            : ""));
        } else if (event instanceof MapRanked e && !e.files().isEmpty()) {
            lines.add("  repository map, best files: "
                    + String.join(
                            ", ", e.files().subList(0, Math.min(3, e.files().size()))));
        } else if (event instanceof ActionTaken e) {
            lines.add("  " + e.role().id() + " "
                    + (e.kind() == ActionKind.OTHER ? "" : e.kind().id() + " ")
                    + Text.firstLine(e.subject(), 70)
                    + (e.outcome() == ActionOutcome.DONE
                            ? (e.detail().isBlank() ? "" : " (" + e.detail() + ")")
                            : " [" + Text.words(e.outcome()) + ": " + Text.firstLine(e.detail(), 90) + "]"));
        } else if (event instanceof HandedOff e) {
            lines.add("handed off: "
                    + e.handoff().branch().map(b -> "branch " + b + ", ").orElse("")
                    + e.handoff().files().size() + " file(s) changed, patch "
                    + e.handoff().patchFile());
        } else if (event instanceof AgentWarning e) {
            lines.add("  WARNING (" + e.source() + "): " + e.message());
        }
        return lines;
    }
}
