package dev.agentloop.cli.batch;

import dev.agentloop.cli.env.MemoryMode;
import dev.agentloop.core.Language;
import dev.agentloop.core.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One finished instance: one line of {@code results.jsonl}.
 *
 * @param id the instance's id
 * @param line its line in the batch file
 * @param project its project ("(none)" when it named none)
 * @param language its language
 * @param memory the memory the run used
 * @param gold the run used the gold patch instead of a model
 * @param taskId the run's task id ({@code agent show} finds it when the memory was on)
 * @param status how the run ended
 * @param stopReason why it stopped, when it did
 * @param detail the breaker's or the error's sentence; empty when solved
 * @param verdict whether it counts as solved (the hidden tests decide when there are any)
 * @param iterations iterations the run started
 * @param tokens tokens of its model calls
 * @param cost cost of its model calls, priced with {@code models.prices}
 * @param wall wall time from start to verdict
 * @param runTime the run's own time (the rest of {@code wall} is judging)
 * @param startedAt when the run started
 * @param finishedAt when the verdict was in
 * @param memoryHits past failures the memory handed over during the run
 * @param fixReused a handed-over failure had a linked fix and a later iteration passed
 * @param testTime the time of the run's own test runs in the sandbox (judging not included)
 * @param localization on a repository instance with gold files: where the repository map and the run looked; empty
 *     otherwise
 */
public record TaskResult(
        String id,
        int line,
        String project,
        Language language,
        MemoryMode memory,
        boolean gold,
        UUID taskId,
        RunStatus status,
        Optional<StopReason> stopReason,
        String detail,
        Verdict verdict,
        int iterations,
        long tokens,
        double cost,
        Duration wall,
        Duration runTime,
        Instant startedAt,
        Instant finishedAt,
        int memoryHits,
        boolean fixReused,
        Duration testTime,
        Optional<Localization> localization) {

    public TaskResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(status, "status");
        stopReason = stopReason == null ? Optional.empty() : stopReason;
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(runTime, "runTime");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        testTime = testTime == null ? Duration.ZERO : testTime;
        localization = localization == null ? Optional.empty() : localization;
    }

    /** Whether the instance counts as solved. */
    public boolean solved() {
        return verdict.solved();
    }

    /** The key {@code --resume} skips by: an instance is finished once per memory mode. */
    public ResultKey key() {
        return new ResultKey(id, memory);
    }

    /** An instance id under one memory mode. */
    public record ResultKey(String id, MemoryMode memory) {}
}
