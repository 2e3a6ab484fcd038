package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentException;
import dev.agentloop.core.Task;
import dev.agentloop.core.event.SourceOpened;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.internal.project.DeclaredDependencies;
import dev.agentloop.core.internal.project.ProjectTests;
import dev.agentloop.core.internal.project.TestCommand;
import dev.agentloop.core.internal.project.TestCommandDetector;
import dev.agentloop.core.internal.project.TestGuard;
import dev.agentloop.core.internal.repomap.RepoMap;
import dev.agentloop.core.internal.repomap.RepoMapException;
import dev.agentloop.core.internal.repomap.SandboxSymbolParser;
import dev.agentloop.core.internal.repomap.SymbolCache;
import dev.agentloop.core.internal.workspace.ProjectFiles;
import dev.agentloop.core.source.WorkingCopy;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestStatus;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.List;

/**
 * Gets a run on an existing project ready before the first model call: finds the test command, reports declared
 * dependencies the sandbox image lacks, and runs the baseline (which tests fail before any edit).
 */
final class ProjectOpener {

    private final RunContext run;
    private final SymbolCache symbolCache;
    private final TokenCountEstimator estimator;

    /**
     * @param symbolCache where parsed symbols are kept across runs (keyed by content, so a commit's files are parsed
     *     once)
     */
    ProjectOpener(RunContext run, SymbolCache symbolCache, TokenCountEstimator estimator) {
        this.run = run;
        this.symbolCache = symbolCache;
        this.estimator = estimator;
    }

    /**
     * @throws AgentException naming what was looked for when no test command is found, or why the baseline could not
     *     run
     */
    Project open(WorkingCopy copy, SandboxSession session) {
        Task task = run.task();
        TestCommand command = TestCommandDetector.detect(
                        copy.root(), task.language(), task.tests().command())
                .orElseThrow(() -> new AgentException(
                        "No test command found in " + copy.repository().location()
                                + " for " + task.language().id() + ": looked for " + TestCommandDetector.LOOKED_FOR
                                + ". Set one with --test-cmd \"...\" or the config key repo.test-command."));
        run.events()
                .publish(new SourceOpened(
                        run.taskId(), 0, run.now(), copy.repository(), copy.root(), command.describe()));
        List<String> missing = DeclaredDependencies.missing(
                session, task.language(), DeclaredDependencies.declared(copy.root(), task.language()));
        if (!missing.isEmpty()) {
            run.warn(
                    "dependencies",
                    "The sandbox image lacks packages the project declares: " + String.join(", ", missing)
                            + ". Tests that need them will fail; set sandbox.images."
                            + task.language().id()
                            + " to an image that has them.");
        }
        ProjectTests tests = new ProjectTests(
                command, copy.root(), task.tests(), run.config().testTimeout());
        TestReport baseline = session.runTests(tests.suite());
        run.events()
                .publish(new TestsRun(
                        run.taskId(),
                        0,
                        run.now(),
                        baseline.outcome(),
                        (int) baseline.count(TestStatus.PASSED),
                        baseline.count(TestStatus.FAILED),
                        baseline.count(TestStatus.ERRORED),
                        baseline.duration(),
                        "baseline" + (baseline.detail().isEmpty() ? "" : ": " + baseline.detail())));
        tests.baseline(baseline);
        ProjectFiles files = new ProjectFiles(copy.root());
        return new Project(copy, files, tests, new TestGuard(task.language(), task.tests()), map(copy, session, files));
    }

    /** The parser-backed map, or the plain listing when the parser cannot build it (with a warning). */
    private ProjectMap map(WorkingCopy copy, SandboxSession session, ProjectFiles files) {
        ListingMap listing = new ListingMap(files);
        try {
            RepoMap map = RepoMap.build(copy.root(), SandboxSymbolParser.of(session), symbolCache);
            return new RepoMapView(run, map, listing, estimator);
        } catch (RepoMapException e) {
            run.warn(
                    "repomap",
                    "The repository map could not be built (" + e.getMessage()
                            + "); the Coder gets the file listing instead.");
            return listing;
        }
    }
}
