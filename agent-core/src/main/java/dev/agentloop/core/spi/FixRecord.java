package dev.agentloop.core.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fix that resolved a failure: the diff from the failing code to the code that passed.
 *
 * @param failureId the failure it fixes
 * @param taskId the task
 * @param passedIteration the iteration whose tests passed
 * @param diff unified diff
 * @param verified true when the tests passed in the sandbox with this diff applied (false for imported fixes)
 * @param recordedAt when it was recorded
 */
public record FixRecord(
        UUID failureId, UUID taskId, int passedIteration, String diff, boolean verified, Instant recordedAt) {

    /**
     * Checks the components: ids, diff and time may not be null.
     *
     * @param failureId the failure it fixes
     * @param taskId the task
     * @param passedIteration the iteration whose tests passed
     * @param diff unified diff
     * @param verified true when the tests passed in the sandbox with this diff applied (false for imported fixes)
     * @param recordedAt when it was recorded
     */
    public FixRecord {
        Objects.requireNonNull(failureId, "failureId");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
