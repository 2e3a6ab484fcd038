package dev.agentloop.server.internal.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.server.ServerException;
import dev.agentloop.server.TaskState;
import dev.agentloop.server.internal.store.TaskRow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an ended task's row back into the run's {@link AgentResult}: the status, iterations, tokens and cost as the
 * worker stored them, the stop reason (a cost budget, the iteration limit, a cancel) and, for a solved repository
 * task, the hand-off's branch, commit, patch, files and diff stat.
 */
public final class TaskResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskResults() {}

    /**
     * The hand-off a solved repository task stored (its patch file stayed on the worker's machine).
     *
     * @param branch the branch made in the worker's clone
     * @param commit the commit on it
     * @param patch the patch's text, relative to the project's root
     * @param files the changed files, sorted
     * @param diffStat as {@code git diff --stat} prints it
     */
    public record StoredHandoff(
            Optional<String> branch, String commit, String patch, List<String> files, String diffStat) {

        /**
         * Checks the components.
         *
         * @param branch the branch made in the worker's clone
         * @param commit the commit on it
         * @param patch the patch's text, relative to the project's root
         * @param files the changed files, sorted
         * @param diffStat as {@code git diff --stat} prints it
         */
        public StoredHandoff {
            branch = branch == null ? Optional.empty() : branch;
            commit = commit == null ? "" : commit;
            patch = patch == null ? "" : patch;
            files = List.copyOf(files);
            diffStat = diffStat == null ? "" : diffStat;
        }

        /** {@return this hand-off with its patch at {@code patchFile} on this machine} */
        public Handoff at(Path patchFile) {
            return new Handoff(branch, commit, patchFile, patch, files, diffStat);
        }
    }

    /**
     * @param row an ended task
     * @return its hand-off; empty when it is not a solved repository task
     * @throws ServerException when the stored result is not the JSON a worker writes
     */
    public static Optional<StoredHandoff> handoff(TaskRow row) {
        if (row.status() != TaskState.SOLVED || row.result().isEmpty()) {
            return Optional.empty();
        }
        JsonNode handoff;
        try {
            handoff = JSON.readTree(row.result().get()).path("handoff");
        } catch (java.io.IOException e) {
            throw new ServerException(
                    "Task " + row.id() + " has a stored result that is not JSON: " + e.getMessage(), e);
        }
        if (!handoff.isObject()) {
            return Optional.empty();
        }
        List<String> files = new ArrayList<>();
        handoff.path("files").forEach(f -> files.add(f.asText()));
        return Optional.of(new StoredHandoff(
                handoff.hasNonNull("branch") ? Optional.of(handoff.get("branch").asText()) : Optional.empty(),
                handoff.path("commit").asText(""),
                handoff.path("patch").asText(""),
                files,
                handoff.path("diffStat").asText("")));
    }

    /**
     * The run's result as the task's row tells it.
     *
     * @param row an ended task
     * @param handoff a solved task's hand-off as it is on this machine; empty when none
     * @param workspace where the result's files are on this machine (the branch's repository), or null
     * @return solved, stopped (its reason; a cancel is {@link StopReason#CANCELLED}) or failed
     * @throws IllegalArgumentException when the task has not ended
     */
    public static AgentResult of(TaskRow row, Optional<Handoff> handoff, Path workspace) {
        TaskState state = row.status();
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("task " + row.id() + " has not ended: it is " + state.id());
        }
        Instant start = row.startedAt().orElse(row.submittedAt());
        Duration elapsed = Duration.between(start, row.finishedAt().orElse(start));
        String detail = row.detail().orElse("");
        return switch (state) {
            case SOLVED ->
                new AgentResult.Solved(
                        row.id(), Map.of(), row.iterations(), row.tokens(), row.cost(), elapsed, workspace, handoff);
            case CANCELLED ->
                new AgentResult.Stopped(
                        row.id(),
                        StopReason.CANCELLED,
                        detail.isBlank() ? "cancelled" : detail,
                        row.iterations(),
                        row.tokens(),
                        row.cost(),
                        elapsed,
                        workspace);
            case STOPPED ->
                stopReason(row.reason())
                        .<AgentResult>map(reason -> new AgentResult.Stopped(
                                row.id(),
                                reason,
                                detail,
                                row.iterations(),
                                row.tokens(),
                                row.cost(),
                                elapsed,
                                workspace))
                        .orElseGet(() -> failed(
                                row,
                                "stopped (" + row.reason().orElse("no reason") + ")"
                                        + (detail.isBlank() ? "" : ": " + detail),
                                elapsed,
                                workspace));
            default -> failed(row, detail.isBlank() ? "the task failed on its worker" : detail, elapsed, workspace);
        };
    }

    private static AgentResult failed(TaskRow row, String message, Duration elapsed, Path workspace) {
        return new AgentResult.Failed(
                row.id(),
                message,
                new ServerException("Task " + row.id() + " failed: " + message),
                row.iterations(),
                row.tokens(),
                row.cost(),
                elapsed,
                workspace);
    }

    private static Optional<StopReason> stopReason(Optional<String> stored) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(StopReason.valueOf(stored.get().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
