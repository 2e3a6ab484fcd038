package dev.agentloop.server.internal.queue;

import dev.agentloop.core.Checkpoint;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.server.ServerException;
import dev.agentloop.server.TaskSubmission;
import dev.agentloop.server.internal.json.CheckpointJson;
import dev.agentloop.server.internal.store.CheckpointStore;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where an attempt that takes a task over starts: from the checkpoint an earlier attempt stored after its last
 * failed iteration, or from the beginning when there is none, it cannot be read, or the task works on a repository
 * (its working copy went with the earlier attempt's worker). Starting over is said in the task's events.
 */
final class ResumePoints {

    private static final Logger LOG = LoggerFactory.getLogger(ResumePoints.class);
    static final String SOURCE = "takeover";

    private final CheckpointStore checkpoints;
    private final CheckpointJson json;
    private final Clock clock;

    ResumePoints(CheckpointStore checkpoints, CheckpointJson json, Clock clock) {
        this.checkpoints = checkpoints;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param events the attempt's event recorder, told when the task starts over
     * @return the checkpoint to resume from; empty for a first attempt or to start over
     */
    Optional<Checkpoint> forAttempt(UUID taskId, int attempt, TaskSubmission submission, AgentListener events) {
        if (attempt <= 1) {
            return Optional.empty();
        }
        if (submission.repo().isPresent()) {
            return startOver(taskId, attempt, "a repository task's working copy went with the earlier attempt", events);
        }
        Optional<CheckpointStore.Stored> stored = checkpoints.latest(taskId);
        if (stored.isEmpty()) {
            return startOver(taskId, attempt, "no earlier attempt completed an iteration", events);
        }
        try {
            Checkpoint checkpoint = json.read(stored.get().json());
            LOG.info(
                    "Task {} attempt {} resumes after iteration {} (stored by attempt {})",
                    taskId,
                    attempt,
                    checkpoint.iterations(),
                    stored.get().attempt());
            return Optional.of(checkpoint);
        } catch (ServerException e) {
            return startOver(taskId, attempt, e.getMessage(), events);
        }
    }

    private Optional<Checkpoint> startOver(UUID taskId, int attempt, String why, AgentListener events) {
        String message = "Attempt " + attempt + " starts the task over: " + why + ".";
        LOG.info("Task {}: {}", taskId, message);
        events.onEvent(new AgentWarning(taskId, 0, clock.instant(), SOURCE, message));
        return Optional.empty();
    }
}
