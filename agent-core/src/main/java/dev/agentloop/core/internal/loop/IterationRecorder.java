package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.spi.IterationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bookkeeping of iterations: collects the edits applied in the current one, and when it ends records it (outcome,
 * time and tokens per phase from {@link RunState}, test counts, its diff), publishes it, and adds its one-line
 * summary to the history the roles see.
 */
final class IterationRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(IterationRecorder.class);
    private static final int MAX_SUMMARY_CHARS = 300;
    private static final int MAX_RECORDED_CHARS = 4_000;
    /** Starts the part of a recorded summary that lists the iteration's actions, one per line. */
    static final String ACTIONS_HEADING = "actions (";

    private final RunContext run;
    private final List<String> history = new ArrayList<>();
    private final List<Workspace.AppliedEdit> edits = new ArrayList<>();
    private Instant iterationStart;

    IterationRecorder(RunContext run) {
        this.run = run;
    }

    /** A new iteration started (the run state has already counted it). */
    void start() {
        iterationStart = run.now();
        edits.clear();
    }

    /** Edits applied in this iteration, in order; their diffs make the iteration's diff. */
    void applied(List<Workspace.AppliedEdit> applied) {
        edits.addAll(applied);
    }

    /** Records, publishes and logs the iteration that just ended. */
    void finish(IterationResult result) {
        finish(result, List.of());
    }

    /**
     * Records, publishes and logs the iteration that just ended; the model's actions in it (one short entry each)
     * are kept in the recorded summary, which {@code agent show} prints, but not in the history the roles see.
     */
    void finish(IterationResult result, List<String> actions) {
        StringBuilder diff = new StringBuilder();
        for (Workspace.AppliedEdit edit : edits) {
            diff.append(edit.diff());
        }
        String summary = oneLine(result.summary());
        history.add("#" + run.iteration() + " " + result.outcome() + ": " + summary);
        RunState state = run.state();
        Instant now = run.now();
        run.memory()
                .recordIteration(new IterationRecord(
                        run.taskId(),
                        state.iteration(),
                        result.outcome(),
                        state.durations(),
                        state.tokens(),
                        result.passed(),
                        result.total(),
                        diff.toString(),
                        withActions(summary, actions),
                        iterationStart,
                        now));
        run.events()
                .publish(new IterationFinished(
                        run.taskId(),
                        state.iteration(),
                        now,
                        result.outcome(),
                        run.breaker().tokens(),
                        Duration.between(run.start(), now),
                        summary));
        LOG.info("Iteration {} ended {}: {}", state.iteration(), result.outcome(), summary);
    }

    /** A resumed run: the earlier run's lines come first in the history. */
    void resumed(List<String> earlier) {
        history.addAll(earlier);
    }

    /** One line per finished iteration, oldest first: {@code #n OUTCOME: summary}. */
    List<String> history() {
        return Collections.unmodifiableList(history);
    }

    private static String withActions(String summary, List<String> actions) {
        if (actions.isEmpty()) {
            return summary;
        }
        String all = summary + "\n" + ACTIONS_HEADING + actions.size() + "):\n- " + String.join("\n- ", actions);
        return all.length() > MAX_RECORDED_CHARS ? all.substring(0, MAX_RECORDED_CHARS - 3) + "..." : all;
    }

    static String oneLine(String text) {
        String line = text == null ? "" : text.strip().replace('\n', ' ');
        return line.length() > MAX_SUMMARY_CHARS ? line.substring(0, MAX_SUMMARY_CHARS) + "..." : line;
    }
}
