package dev.agentloop.cli.batch;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.Task;
import dev.agentloop.core.TestTargets;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.Sandbox;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tasks in an empty folder ({@code task} without {@code repo}): the gold patch must create its files from
 * {@code /dev/null}; the hidden tests judge a copy of the run's final workspace made after the run has ended.
 */
public final class GreenfieldInstances implements InstanceHandler {

    /** Folders the judge's copy leaves out: caches the run's tools wrote, never code. */
    private static final Set<String> CACHES = Set.of("__pycache__", ".pytest_cache", "node_modules", ".cache");

    private final Duration testTimeout;

    /** @param testTimeout the limit of one hidden-test run */
    public GreenfieldInstances(Duration testTimeout) {
        this.testTimeout = testTimeout;
    }

    @Override
    public void check(BatchInstance instance, boolean gold) {
        if (instance.goldPatch().isPresent()) {
            try {
                GoldPatch.filesCreated(instance.goldPatch().get());
            } catch (IllegalArgumentException e) {
                throw InvalidInstanceException.of(instance, "the gold patch does not apply: " + e.getMessage() + ".");
            }
        } else if (gold) {
            throw InvalidInstanceException.of(instance, "it has no gold_patch, which --gold needs.");
        }
    }

    @Override
    public Task task(BatchInstance instance, UUID taskId) {
        Task task = new Task(
                taskId, instance.task().orElseThrow(), instance.language(), ProjectType.LIBRARY, instance.project());
        return instance.tests().isEmpty() ? task : task.withTests(TestTargets.DEFAULT.withGiven(instance.tests()));
    }

    @Override
    public GoldAnswer gold(BatchInstance instance) {
        String title = instance.task().orElseThrow().strip().lines().findFirst().orElse(instance.id());
        return new GoldFiles(
                title,
                instance.language(),
                GoldPatch.filesCreated(instance.goldPatch().orElseThrow()));
    }

    @Override
    public Verdict judge(BatchInstance instance, AgentResult result, Sandbox sandbox) {
        if (instance.hiddenTests().isEmpty()) {
            return Verdict.byRun(result instanceof AgentResult.Solved);
        }
        Path workspace = result.workspace();
        Path copy = workspace.resolveSibling(workspace.getFileName() + "-judge");
        try {
            copyTree(workspace, copy);
            for (Map.Entry<String, String> hidden : instance.hiddenTests().entrySet()) {
                Path file = copy.resolve(hidden.getKey()).normalize();
                Files.createDirectories(file.getParent());
                Files.writeString(file, hidden.getValue());
            }
            TestReport report;
            try (SandboxSession session = sandbox.open(new SandboxSpec(
                    result.taskId(),
                    instance.language(),
                    ProjectType.LIBRARY,
                    copy,
                    null,
                    ApprovalHandler.denyAll()))) {
                report = session.runTests(new TestRequest(
                        instance.language(), List.copyOf(instance.hiddenTests().keySet()), testTimeout));
            }
            int passed = (int) report.count(TestStatus.PASSED);
            String detail = report.passed()
                    ? ""
                    : report.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + (report.detail().isEmpty() ? "" : ": " + firstLine(report.detail()));
            return new Verdict(Verdict.Judge.HIDDEN_TESTS, report.passed(), passed, report.total(), detail);
        } catch (IOException | UncheckedIOException | SandboxException e) {
            return new Verdict(
                    Verdict.Judge.HIDDEN_TESTS, false, 0, 0, "the hidden tests could not run: " + e.getMessage());
        } finally {
            FileTrees.delete(copy);
        }
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    /** Copies the run's files (not the caches its tools left) into a fresh folder. */
    private static void copyTree(Path from, Path to) throws IOException {
        FileTrees.delete(to);
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return; // the run ended before it wrote anything: the hidden tests judge an empty folder
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && CACHES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
