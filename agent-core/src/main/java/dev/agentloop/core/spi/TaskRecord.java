package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.source.RepositoryInfo;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as it starts.
 *
 * @param id chosen by the loop, so a record replayed from a spool is stored once
 * @param text the task as the user gave it (secrets redacted by the memory before storing)
 * @param language the language of the code
 * @param projectType the project type
 * @param project a free project name used to filter retrieval (e.g. the repository name); empty for none
 * @param startedAt when the run started
 * @param repository the existing project the task worked on (name, location, remote, base ref and commit); empty for
 *     a new module. The memory strips credentials from the location and remote before storing them.
 */
public record TaskRecord(
        UUID id,
        String text,
        Language language,
        ProjectType projectType,
        String project,
        Instant startedAt,
        Optional<RepositoryInfo> repository) {

    /**
     * Checks the components; a null project becomes empty, a null repository none.
     *
     * @param id chosen by the loop, so a record replayed from a spool is stored once
     * @param text the task as the user gave it (secrets redacted by the memory before storing)
     * @param language the language of the code
     * @param projectType the project type
     * @param project a free project name used to filter retrieval (e.g. the repository name); empty for none
     * @param startedAt when the run started
     * @param repository the existing project the task worked on (name, location, remote, base ref and commit); empty
     *     for
     *     a new module. The memory strips credentials from the location and remote before storing them.
     */
    public TaskRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        project = project == null ? "" : project;
        Objects.requireNonNull(startedAt, "startedAt");
        repository = repository == null ? Optional.empty() : repository;
    }

    /**
     * A task on a new module (no repository).
     *
     * @param id chosen by the loop
     * @param text the task as the user gave it
     * @param language the language of the code
     * @param projectType the project type
     * @param project a project name used to filter retrieval; empty for none
     * @param startedAt when the run started
     */
    public TaskRecord(
            UUID id, String text, Language language, ProjectType projectType, String project, Instant startedAt) {
        this(id, text, language, projectType, project, startedAt, Optional.empty());
    }

    /**
     * {@return this task, working on {@code value}}
     *
     * @param value the existing project
     */
    public TaskRecord withRepository(RepositoryInfo value) {
        return new TaskRecord(
                id,
                text,
                language,
                projectType,
                project,
                startedAt,
                Optional.of(Objects.requireNonNull(value, "repository")));
    }
}
