package dev.agentloop.core;

import java.util.Objects;
import java.util.UUID;

/**
 * A coding task: what to build, in which language, for which kind of project.
 *
 * @param id the task's id (random unless given), used for the workspace folder, the sandbox's labels and the
 *     memory's rows
 * @param text what to build, as the user said it
 * @param language the language of the code; default {@link Language#PYTHON}
 * @param projectType the kind of project; default {@link ProjectType#LIBRARY}
 * @param project a project name used to filter the memory's retrieval; empty for none
 */
public record Task(UUID id, String text, Language language, ProjectType projectType, String project) {

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("task text must not be blank");
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        project = project == null ? "" : project;
    }

    /** A Python library task with a random id. */
    public static Task of(String text) {
        return new Task(UUID.randomUUID(), text, Language.PYTHON, ProjectType.LIBRARY, "");
    }

    public Task withLanguage(Language value) {
        return new Task(id, text, value, projectType, project);
    }

    public Task withProjectType(ProjectType value) {
        return new Task(id, text, language, value, project);
    }

    public Task withProject(String value) {
        return new Task(id, text, language, projectType, value);
    }

    public Task withId(UUID value) {
        return new Task(value, text, language, projectType, project);
    }
}
