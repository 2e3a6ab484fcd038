package dev.agentloop.server;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.Task;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task as submitted over the API, validated. What is absent takes the server's configured default.
 *
 * @param text what to build, never blank
 * @param language the code's language
 * @param projectType the kind of project
 * @param project a project name for the memory's retrieval filter; empty for none
 * @param repo an existing project to work on (a folder on the worker's machine or a git URL); empty for a new one
 * @param base the branch, tag or commit of {@code repo} to start from; empty for its HEAD
 * @param enableReview run the REVIEW phase; empty for the server's default
 * @param enableAudit run the AUDIT phase; empty for the server's default
 * @param maxIterations the hard limit on iterations; empty for the server's default
 * @param mode who decides what needs approval
 * @param constraints requirements the code must respect, added to the task's text
 * @param acceptanceCriteria what "done" means, added to the task's text
 * @param maxCost the most the run may spend, in the configured prices' currency; empty for the server's budget
 */
public record TaskSubmission(
        String text,
        Language language,
        ProjectType projectType,
        String project,
        Optional<String> repo,
        Optional<String> base,
        Optional<Boolean> enableReview,
        Optional<Boolean> enableAudit,
        Optional<Integer> maxIterations,
        TaskMode mode,
        List<String> constraints,
        List<String> acceptanceCriteria,
        Optional<Double> maxCost) {

    /**
     * Checks the components; null optionals become empty, a null mode {@link TaskMode#SUPERVISED}.
     *
     * @param text what to build, never blank
     * @param language the code's language
     * @param projectType the kind of project
     * @param project a project name for the memory's retrieval filter; empty for none
     * @param repo an existing project to work on (a folder on the worker's machine or a git URL); empty for a new one
     * @param base the branch, tag or commit of {@code repo} to start from; empty for its HEAD
     * @param enableReview run the REVIEW phase; empty for the server's default
     * @param enableAudit run the AUDIT phase; empty for the server's default
     * @param maxIterations the hard limit on iterations; empty for the server's default
     * @param mode who decides what needs approval
     * @param constraints requirements the code must respect, added to the task's text
     * @param acceptanceCriteria what "done" means, added to the task's text
     * @param maxCost the most the run may spend, in the configured prices' currency; empty for the server's budget
     * @throws IllegalArgumentException when the text is blank, a base is given without a repo, or the cost limit is
     *     not positive
     */
    public TaskSubmission {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("task text must not be blank");
        }
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        project = project == null ? "" : project;
        repo = repo == null ? Optional.empty() : repo;
        base = base == null ? Optional.empty() : base;
        enableReview = enableReview == null ? Optional.empty() : enableReview;
        enableAudit = enableAudit == null ? Optional.empty() : enableAudit;
        maxIterations = maxIterations == null ? Optional.empty() : maxIterations;
        mode = mode == null ? TaskMode.SUPERVISED : mode;
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
        acceptanceCriteria = acceptanceCriteria == null ? List.of() : List.copyOf(acceptanceCriteria);
        if (base.isPresent() && repo.isEmpty()) {
            throw new IllegalArgumentException("base needs a repo");
        }
        maxCost = maxCost == null ? Optional.empty() : maxCost;
        if (maxCost.isPresent() && !(maxCost.get() > 0 && Double.isFinite(maxCost.get()))) {
            throw new IllegalArgumentException("maxCost must be positive, was " + maxCost.get());
        }
    }

    /**
     * A submission without a cost limit of its own (the server's budget applies).
     *
     * @param text what to build, never blank
     * @param language the code's language
     * @param projectType the kind of project
     * @param project a project name for the memory's retrieval filter; empty for none
     * @param repo an existing project to work on (a folder on the worker's machine or a git URL); empty for a new one
     * @param base the branch, tag or commit of {@code repo} to start from; empty for its HEAD
     * @param enableReview run the REVIEW phase; empty for the server's default
     * @param enableAudit run the AUDIT phase; empty for the server's default
     * @param maxIterations the hard limit on iterations; empty for the server's default
     * @param mode who decides what needs approval
     * @param constraints requirements the code must respect, added to the task's text
     * @param acceptanceCriteria what "done" means, added to the task's text
     * @throws IllegalArgumentException when the text is blank, or a base is given without a repo
     */
    public TaskSubmission(
            String text,
            Language language,
            ProjectType projectType,
            String project,
            Optional<String> repo,
            Optional<String> base,
            Optional<Boolean> enableReview,
            Optional<Boolean> enableAudit,
            Optional<Integer> maxIterations,
            TaskMode mode,
            List<String> constraints,
            List<String> acceptanceCriteria) {
        this(
                text,
                language,
                projectType,
                project,
                repo,
                base,
                enableReview,
                enableAudit,
                maxIterations,
                mode,
                constraints,
                acceptanceCriteria,
                Optional.empty());
    }

    /**
     * {@return a greenfield Python library task with defaults for everything else}
     *
     * @param text what to build, not blank
     */
    public static TaskSubmission of(String text) {
        return new TaskSubmission(
                text,
                Language.PYTHON,
                ProjectType.LIBRARY,
                "",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                TaskMode.SUPERVISED,
                List.of(),
                List.of());
    }

    /** {@return the text the model reads: the task, then the constraints and acceptance criteria as lists} */
    public String fullText() {
        StringBuilder out = new StringBuilder(text.strip());
        section(out, "Constraints", constraints);
        section(out, "Acceptance criteria", acceptanceCriteria);
        return out.toString();
    }

    /**
     * {@return the core task with this id (without a source: the worker adds the repository's)}
     *
     * @param id the task's id
     */
    public Task task(UUID id) {
        return new Task(id, fullText(), language, projectType, project);
    }

    private static void section(StringBuilder out, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append("\n\n").append(title).append(':');
        items.forEach(item -> out.append("\n- ").append(item.strip()));
    }
}
