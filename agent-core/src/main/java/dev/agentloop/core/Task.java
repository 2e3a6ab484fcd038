package dev.agentloop.core;

import dev.agentloop.core.source.Source;
import java.util.Objects;
import java.util.Optional;
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
 * @param source the existing project the task works on; empty for a new module in an empty folder
 * @param tests how the project's own tests judge the run (repository mode only)
 */
public record Task(
        UUID id,
        String text,
        Language language,
        ProjectType projectType,
        String project,
        Optional<Source> source,
        TestTargets tests) {

    /**
     * Checks the components; the text must not be blank.
     *
     * @param id the task's id (random unless given), used for the workspace folder, the sandbox's labels and the
     *     memory's rows
     * @param text what to build, as the user said it
     * @param language the language of the code; default {@link Language#PYTHON}
     * @param projectType the kind of project; default {@link ProjectType#LIBRARY}
     * @param project a project name used to filter the memory's retrieval; empty for none
     * @param source the existing project the task works on; empty for a new module in an empty folder
     * @param tests how the project's own tests judge the run (repository mode only)
     * @throws IllegalArgumentException when the text is blank
     */
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("task text must not be blank");
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        project = project == null ? "" : project;
        source = source == null ? Optional.empty() : source;
        tests = tests == null ? TestTargets.DEFAULT : tests;
    }

    /**
     * A task in an empty folder (no source).
     *
     * @param id the task's id
     * @param text what to build
     * @param language the language of the code
     * @param projectType the kind of project
     * @param project a project name for the memory's retrieval; empty for none
     */
    public Task(UUID id, String text, Language language, ProjectType projectType, String project) {
        this(id, text, language, projectType, project, Optional.empty(), TestTargets.DEFAULT);
    }

    /** {@return the task's first line, for titles and commit messages} */
    public String title() {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 72 ? line.substring(0, 71) + "…" : line;
    }

    /**
     * {@return a Python library task with a random id}
     *
     * @param text what to build, not blank
     */
    public static Task of(String text) {
        return new Task(UUID.randomUUID(), text, Language.PYTHON, ProjectType.LIBRARY, "");
    }

    /**
     * {@return a copy in another language}
     *
     * @param value the language of the code
     */
    public Task withLanguage(Language value) {
        return new Task(id, text, value, projectType, project, source, tests);
    }

    /**
     * {@return a copy for another kind of project}
     *
     * @param value the kind of project
     */
    public Task withProjectType(ProjectType value) {
        return new Task(id, text, language, value, project, source, tests);
    }

    /**
     * {@return a copy with another project name}
     *
     * @param value a project name for the memory's retrieval; empty for none
     */
    public Task withProject(String value) {
        return new Task(id, text, language, projectType, value, source, tests);
    }

    /**
     * {@return a copy that works on an existing project, in a private copy of it}
     *
     * @param value the existing project
     */
    public Task withSource(Source value) {
        return new Task(id, text, language, projectType, project, Optional.of(value), tests);
    }

    /**
     * {@return a copy judged by other tests}
     *
     * @param value how the project's own tests judge the run
     */
    public Task withTests(TestTargets value) {
        return new Task(id, text, language, projectType, project, source, value);
    }

    /**
     * {@return a copy with another id}
     *
     * @param value the task's id
     */
    public Task withId(UUID value) {
        return new Task(value, text, language, projectType, project, source, tests);
    }
}
