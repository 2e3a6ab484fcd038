package dev.agentloop.cli.command;

import dev.agentloop.cli.CliException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code agent run}'s repository-mode options, checked against each other.
 *
 * @param repo the project: a folder, a git repository, or a git URL ({@code file://}, {@code ssh://}, ...)
 * @param base the ref to start from (a branch, tag or commit); empty for the repository's HEAD
 * @param testCommand the project's test command; empty to detect it (or take {@code repo.test-command})
 * @param fixTests present when the task is "make these failing tests pass" (empty list: the ones failing now)
 * @param apply apply the patch to the user's working tree instead of leaving a branch
 * @param allowTestChanges the task may change existing tests
 */
public record RepositoryOptions(
        String repo,
        Optional<String> base,
        Optional<String> testCommand,
        Optional<List<String>> fixTests,
        boolean apply,
        boolean allowTestChanges) {

    /** True when {@code repo} is a URL rather than a local path. */
    public boolean isUrl() {
        return repo.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || repo.matches("^[\\w.-]+@[\\w.-]+:.*");
    }

    /** The local folder, resolved against {@code cwd}. */
    public Path folder(Path cwd) {
        Path p = Path.of(repo.startsWith("~/") ? System.getProperty("user.home") + repo.substring(1) : repo);
        return (p.isAbsolute() ? p : cwd.resolve(p)).normalize();
    }

    /** The task text: the user's, or for {@code --fix-tests} alone the standard one. */
    public String taskText(Optional<String> given) {
        if (given.isPresent()) {
            return given.get();
        }
        if (fixTests.isEmpty()) {
            throw CliException.usage("Missing task: give --task \"...\" (or --fix-tests to make failing tests pass).");
        }
        List<String> tests = fixTests.get();
        return tests.isEmpty()
                ? "Make the failing tests pass without weakening them."
                : "Make these failing tests pass without weakening them: " + String.join(", ", tests) + ".";
    }

    /** Rejects options that only make sense with {@code --repo}. */
    static void requireRepoFor(
            String repo,
            Optional<String> base,
            boolean apply,
            Optional<List<String>> fixTests,
            Optional<String> testCommand) {
        if (repo != null) {
            return;
        }
        for (var given : List.of(
                Optional.ofNullable(base.isPresent() ? "--base" : null),
                Optional.ofNullable(apply ? "--apply" : null),
                Optional.ofNullable(fixTests.isPresent() ? "--fix-tests" : null),
                Optional.ofNullable(testCommand.isPresent() ? "--test-cmd" : null))) {
            if (given.isPresent()) {
                throw CliException.usage(given.get() + " works on an existing project: add --repo DIR.");
            }
        }
    }
}
