package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An approach that worked, searchable by task text for PLAN.
 *
 * @param id chosen by the loop
 * @param taskId the solved task
 * @param taskText the task statement
 * @param language the language
 * @param projectType the project type
 * @param approach the plan that worked, in a few lines
 * @param iterations iterations it took
 * @param recordedAt when it was recorded
 */
public record SuccessPattern(
        UUID id,
        UUID taskId,
        String taskText,
        Language language,
        ProjectType projectType,
        String approach,
        int iterations,
        Instant recordedAt) {

    /**
     * Checks the components: ids, texts, language and project type may not be null.
     *
     * @param id chosen by the loop
     * @param taskId the solved task
     * @param taskText the task statement
     * @param language the language
     * @param projectType the project type
     * @param approach the plan that worked, in a few lines
     * @param iterations iterations it took
     * @param recordedAt when it was recorded
     */
    public SuccessPattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(taskText, "taskText");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        Objects.requireNonNull(approach, "approach");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
