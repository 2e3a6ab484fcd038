package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.Task;
import dev.agentloop.core.TestTargets;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import dev.agentloop.git.GitSources;
import dev.agentloop.git.SourceLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Instances on an existing project ({@code repo} + {@code base}), run in repository mode. Each run works on a bare
 * clone of the instance's repository made in the output folder ({@code repos/<id>.git}), so the repository named in
 * the batch file is never changed and the run's branch stays there for review. The task is to make
 * {@code failing_tests} pass with the project's {@code test_command} as the oracle; in {@code --gold} mode the coder
 * repairs through actions made from the gold patch ({@link GoldRepair}). After the run, the judge applies the run's
 * patch to a fresh checkout of the base, adds the hidden tests, and runs the project's whole suite in the sandbox.
 */
public final class RepositoryInstances implements InstanceHandler {

    private static final Pattern URL = Pattern.compile("^(https?|ssh|git|file)://.+|^[\\w.-]+@[\\w.-]+:.+");

    private final Path batchFolder;
    private final Path clones;
    private final Duration testTimeout;
    private final GitSources sources;

    /**
     * @param batchFolder the batch file's folder, against which a relative {@code repo} path is resolved
     * @param clones where each instance's bare clone and the judge's checkouts are made (the output folder's
     *     {@code repos})
     * @param testTimeout the limit of one suite run of the judge
     * @param limits the largest repository a run may open
     */
    public RepositoryInstances(Path batchFolder, Path clones, Duration testTimeout, SourceLimits limits) {
        this.batchFolder = batchFolder;
        this.clones = clones;
        this.testTimeout = testTimeout;
        this.sources = GitSources.builder().limits(limits).build();
    }

    /**
     * The task text of an instance: its {@code task}, else "make the failing tests pass", as {@code agent run --repo
     * --fix-tests} words it.
     */
    public static String taskText(BatchInstance instance) {
        if (instance.task().isPresent()) {
            return instance.task().get();
        }
        return instance.failingTests().isEmpty()
                ? "Make the failing tests pass without weakening them."
                : "Make these failing tests pass without weakening them: " + String.join(", ", instance.failingTests())
                        + ".";
    }

    @Override
    public void check(BatchInstance instance, boolean gold) {
        BatchInstance.RepoRef repo = instance.repo().orElseThrow();
        if (isUrl(repo.location())) {
            if (gold && instance.goldPatch().isEmpty()) {
                throw InvalidInstanceException.of(instance, "it has no gold_patch, which --gold needs.");
            }
            return; // reached when cloned, before the run
        }
        Path folder = local(repo);
        if (!Files.isDirectory(folder)) {
            throw InvalidInstanceException.of(
                    instance,
                    "the repo " + repo.location() + " does not exist (looked for " + folder + ")" + fetchHint(repo)
                            + ".");
        }
        try {
            GitCommands.run(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", repo.base() + "^{commit}");
        } catch (IllegalStateException e) {
            throw InvalidInstanceException.of(
                    instance, "its base " + repo.base() + " is not a commit of " + folder + fetchHint(repo) + ".");
        }
        if (gold) {
            if (instance.goldPatch().isEmpty()) {
                throw InvalidInstanceException.of(instance, "it has no gold_patch, which --gold needs.");
            }
            try {
                turns(instance, folder);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw InvalidInstanceException.of(instance, "the gold patch does not apply: " + e.getMessage() + ".");
            }
        }
    }

    @Override
    public Task task(BatchInstance instance, UUID taskId) {
        BatchInstance.RepoRef repo = instance.repo().orElseThrow();
        Path clone = cloneOf(instance);
        FileTrees.delete(clone); // a clone of a run that did not finish: it is run again from scratch
        try {
            Files.createDirectories(clones);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + clones, e);
        }
        String from = isUrl(repo.location()) ? repo.location() : local(repo).toString();
        GitCommands.run(clones, "clone", "--bare", "--quiet", "--", from, clone.toString());
        TestTargets tests = TestTargets.DEFAULT.withCommand(instance.testCommand());
        if (instance.task().isEmpty() || !instance.failingTests().isEmpty()) {
            tests = tests.fixing(instance.failingTests());
        }
        if (!instance.tests().isEmpty()) {
            tests = tests.withGiven(instance.tests());
        }
        try {
            return new Task(taskId, taskText(instance), instance.language(), ProjectType.LIBRARY, instance.project())
                    .withSource(sources.local(clone, Optional.of(repo.base())))
                    .withTests(tests);
        } catch (SourceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public GoldAnswer gold(BatchInstance instance) {
        String title = taskText(instance).lines().findFirst().orElse(instance.id());
        return new GoldActions(title, instance.language(), turns(instance, cloneOf(instance)));
    }

    @Override
    public Verdict judge(BatchInstance instance, AgentResult result, Sandbox sandbox) {
        Optional<Handoff> handoff = result.handoff();
        if (!(result instanceof AgentResult.Solved) || handoff.isEmpty()) {
            return new Verdict(Verdict.Judge.SUITE, false, 0, 0, "the run handed back no patch");
        }
        Path patched = clones.resolve(cloneOf(instance).getFileName() + "-judge");
        Path base = clones.resolve(cloneOf(instance).getFileName() + "-judge-base");
        try {
            checkout(instance, patched, true);
            if (!handoff.get().patch().isBlank()) {
                Path patchFile = clones.resolve(cloneOf(instance).getFileName() + ".judge.patch");
                Files.writeString(patchFile, handoff.get().patch());
                try {
                    GitCommands.run(patched, "apply", "--whitespace=nowarn", patchFile.toString());
                } catch (IllegalStateException e) {
                    return new Verdict(
                            Verdict.Judge.SUITE,
                            false,
                            0,
                            0,
                            "the run's patch does not apply to a fresh checkout of the base: " + e.getMessage());
                } finally {
                    Files.deleteIfExists(patchFile);
                }
            }
            TestReport report = suite(instance, result.taskId(), patched, sandbox);
            int passed = (int) report.count(TestStatus.PASSED);
            if (report.passed()) {
                return new Verdict(Verdict.Judge.SUITE, true, passed, report.total(), "");
            }
            if (!ran(report)) {
                return new Verdict(Verdict.Judge.SUITE, false, passed, report.total(), describe(report));
            }
            // the project's tests may fail for reasons of the environment: those that failed at the base too are
            // forgiven; the hidden tests are not written there, so a failing hidden test never is
            checkout(instance, base, false);
            TestReport before = suite(instance, result.taskId(), base, sandbox);
            Set<String> failingBefore = keys(before);
            List<String> newFailures = report.failures().stream()
                    .map(RepositoryInstances::key)
                    .filter(k -> !failingBefore.contains(k))
                    .toList();
            List<String> targetsFailing = report.failures().stream()
                    .map(RepositoryInstances::key)
                    .filter(k -> instance.failingTests().stream().anyMatch(id -> sameTest(id, k)))
                    .toList();
            boolean solved = ran(before) && newFailures.isEmpty() && targetsFailing.isEmpty();
            String detail = solved
                    ? ""
                    : !newFailures.isEmpty()
                            ? "fails: " + String.join(", ", newFailures.subList(0, Math.min(5, newFailures.size())))
                            : !targetsFailing.isEmpty()
                                    ? "still fails: "
                                            + String.join(
                                                    ", ", targetsFailing.subList(0, Math.min(5, targetsFailing.size())))
                                    : "the suite did not run at the base: " + describe(before);
            return new Verdict(Verdict.Judge.SUITE, solved, passed, report.total(), detail);
        } catch (IOException | UncheckedIOException | IllegalStateException | SandboxException e) {
            return new Verdict(Verdict.Judge.SUITE, false, 0, 0, "the suite could not run: " + e.getMessage());
        } finally {
            FileTrees.delete(patched);
            FileTrees.delete(base);
        }
    }

    /** A fresh checkout of the base from the instance's clone, with the hidden tests written into it if asked. */
    private void checkout(BatchInstance instance, Path dir, boolean hiddenTests) throws IOException {
        FileTrees.delete(dir);
        Path clone = cloneOf(instance);
        GitCommands.run(
                clones, "clone", "--quiet", "--shared", "--no-checkout", "--", clone.toString(), dir.toString());
        GitCommands.run(
                dir,
                "checkout",
                "--quiet",
                "--detach",
                instance.repo().orElseThrow().base());
        for (Map.Entry<String, String> hidden :
                hiddenTests ? instance.hiddenTests().entrySet() : Set.<Map.Entry<String, String>>of()) {
            Path file = dir.resolve(hidden.getKey()).normalize();
            Files.createDirectories(file.getParent());
            Files.writeString(file, hidden.getValue());
        }
    }

    private TestReport suite(BatchInstance instance, UUID taskId, Path dir, Sandbox sandbox) {
        TestRequest request = instance.testCommand().isBlank()
                ? new TestRequest(instance.language(), List.of(), testTimeout)
                : TestRequest.command(instance.language(), instance.testCommand(), testTimeout);
        try (SandboxSession session = sandbox.open(new SandboxSpec(
                taskId, instance.language(), ProjectType.LIBRARY, dir, null, ApprovalHandler.denyAll(), true))) {
            return session.runTests(request);
        }
    }

    private static boolean ran(TestReport report) {
        return report.outcome() == TestOutcome.PASSED || report.outcome() == TestOutcome.FAILED;
    }

    private static String describe(TestReport report) {
        String detail = report.detail().strip().lines().findFirst().orElse("");
        return report.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (detail.isEmpty() ? "" : ": " + (detail.length() > 200 ? detail.substring(0, 199) + "…" : detail));
    }

    private static Set<String> keys(TestReport report) {
        return report.failures().stream().map(RepositoryInstances::key).collect(Collectors.toSet());
    }

    private static String key(TestCaseResult c) {
        return c.suite().isEmpty() ? c.name() : c.suite() + "::" + c.name();
    }

    /**
     * Whether a test id as the batch file names it ({@code tests/test_x.py::TestC::test_y}, or a TAP test's name)
     * and a reported case's key ({@code tests.test_x.TestC::test_y}) are the same test.
     */
    static boolean sameTest(String id, String key) {
        String[] parts = id.strip().split("::");
        if (parts.length < 2 || !parts[0].endsWith(".py")) {
            return id.strip().equals(key);
        }
        StringBuilder suite =
                new StringBuilder(parts[0].substring(0, parts[0].length() - 3).replace('/', '.'));
        for (int i = 1; i < parts.length - 1; i++) {
            suite.append('.').append(parts[i]);
        }
        return key.equals(suite + "::" + parts[parts.length - 1]);
    }

    private static List<String> turns(BatchInstance instance, Path repository) {
        String base = instance.repo().orElseThrow().base();
        return GoldRepair.turns(
                instance.goldPatch().orElseThrow(),
                path -> GitCommands.run(repository, "show", base + ":" + path),
                instance.language(),
                instance.failingTests(),
                instance.testCommand());
    }

    private Path cloneOf(BatchInstance instance) {
        return clones.resolve(instance.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".git");
    }

    private Path local(BatchInstance.RepoRef repo) {
        return batchFolder.resolve(repo.location()).normalize();
    }

    private static boolean isUrl(String location) {
        return URL.matcher(location).matches();
    }

    /**
     * For repobench's layout (a {@code repos/} link next to {@code projects.json}), the script that fetches the
     * repositories; empty for other batch files.
     */
    private String fetchHint(BatchInstance.RepoRef repo) {
        return repo.location().startsWith("repos/") && Files.isRegularFile(batchFolder.resolve("projects.json"))
                ? "; repobench's repositories are not fetched yet: run scripts/repobench-fetch first"
                : "";
    }
}
