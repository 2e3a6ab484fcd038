package dev.agentloop.cli.batch;

import dev.agentloop.core.Language;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of a batch file, checked field by field (the format is in docs/benchmarks.md, section "batch").
 *
 * @param line the 1-based line number in the batch file
 * @param id the instance's id, unique in the file
 * @param language the language of the code
 * @param task the task text; for a repository instance optional (default: make {@code failing_tests} pass)
 * @param repo the existing project (a path or a URL) and its base commit; empty for a greenfield task
 * @param failingTests test ids, as the runner names them, that must pass at the end (repository instances)
 * @param testCommand the project's test command; empty to detect it (repository instances)
 * @param tests acceptance tests given to the agent read-only: workspace path → content
 * @param hiddenTests tests that judge the run after it has ended: workspace path → content; never shown to the agent
 * @param goldPatch a unified diff relative to the root that solves the instance (new files from {@code /dev/null})
 * @param project a name for grouping results; empty when none was given
 * @param version the project's version (repository instances), or empty
 * @param goldFiles the files the gold patch changes (repository instances, for localization), or empty
 * @param goldFunctions the functions the gold patch changes, or empty
 */
public record BatchInstance(
        int line,
        String id,
        Language language,
        Optional<String> task,
        Optional<RepoRef> repo,
        List<String> failingTests,
        String testCommand,
        Map<String, String> tests,
        Map<String, String> hiddenTests,
        Optional<String> goldPatch,
        String project,
        String version,
        List<String> goldFiles,
        List<String> goldFunctions) {

    public BatchInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(language, "language");
        task = task == null ? Optional.empty() : task;
        repo = repo == null ? Optional.empty() : repo;
        failingTests = List.copyOf(failingTests);
        testCommand = testCommand == null ? "" : testCommand;
        tests = java.util.Collections.unmodifiableMap(new TreeMap<>(tests));
        hiddenTests = java.util.Collections.unmodifiableMap(new TreeMap<>(hiddenTests));
        goldPatch = goldPatch == null ? Optional.empty() : goldPatch;
        project = project == null ? "" : project;
        version = version == null ? "" : version;
        goldFiles = List.copyOf(goldFiles);
        goldFunctions = List.copyOf(goldFunctions);
    }

    /**
     * An existing project an instance works on.
     *
     * @param location a local path (relative to the batch file's folder when relative) or a git URL, as written
     * @param base the commit (or ref) to start from
     */
    public record RepoRef(String location, String base) {
        public RepoRef {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(base, "base");
        }
    }

    /** True for an instance on an existing project ({@code repo} + {@code base}). */
    public boolean isRepository() {
        return repo.isPresent();
    }

    /** The project name for grouping: {@code project}, else "(none)". */
    public String group() {
        return project.isEmpty() ? "(none)" : project;
    }

    /** How the instance is named in messages: its id and line. */
    public String where() {
        return id + " (line " + line + ")";
    }
}
