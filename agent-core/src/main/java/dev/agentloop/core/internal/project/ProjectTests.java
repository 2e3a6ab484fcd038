package dev.agentloop.core.internal.project;

import dev.agentloop.core.AgentException;
import dev.agentloop.core.TestTargets;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.spi.TestStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A project's own tests as the run's oracle. The baseline run, before the first edit, records which tests pass and
 * which already fail; the targets are the tests the task names, or (for "fix the failing tests") those failing at the
 * baseline. While iterating, the targets run alone first (seconds); the whole suite runs before "solved", which
 * means: every target passes, and no test that passed at the baseline fails now.
 *
 * <p>Not thread-safe: one run owns it.
 */
public final class ProjectTests {

    /** At most this many target ids are passed to the runner; more run as the whole suite. */
    static final int MAX_SELECTED = 50;

    private final TestCommand command;
    private final Path root;
    private final TestTargets targets;
    private final Duration timeout;
    private final Set<String> baselinePassing = new LinkedHashSet<>();
    private final Set<String> baselineFailing = new LinkedHashSet<>();
    private final Set<String> targetKeys = new LinkedHashSet<>();
    private final List<String> targetIds = new ArrayList<>();
    private TestReport baseline;

    public ProjectTests(TestCommand command, Path root, TestTargets targets, Duration timeout) {
        this.command = command;
        this.root = root;
        this.targets = targets;
        this.timeout = timeout;
    }

    public TestCommand command() {
        return command;
    }

    /** The whole suite. */
    public TestRequest suite() {
        return command.suite(timeout);
    }

    /**
     * Records the baseline and settles the targets.
     *
     * @throws AgentException naming the cause when the suite cannot run at all (the sandbox failed, the command was
     *     not found, blocked or hung), or when the task is to fix failing tests and none fails
     */
    public void baseline(TestReport report) {
        this.baseline = report;
        switch (report.outcome()) {
            case TIMED_OUT ->
                throw new AgentException("The project's tests did not finish at the baseline (" + report.detail()
                        + "); give a faster test command with --test-cmd or raise the test timeout.");
            case SANDBOX_ERROR, BLOCKED, OUT_OF_MEMORY ->
                throw new AgentException("The project's tests could not run at the baseline: " + report.detail()
                        + ". Check the test command (" + command.describe() + ") or set one with --test-cmd.");
            default -> {}
        }
        for (TestCaseResult c : report.cases()) {
            if (c.status() == TestStatus.PASSED) {
                baselinePassing.add(TestIds.key(c));
            } else if (c.status() == TestStatus.FAILED || c.status() == TestStatus.ERRORED) {
                baselineFailing.add(TestIds.key(c));
            }
        }
        if (!targets.failing().isEmpty()) {
            for (String id : targets.failing()) {
                targetIds.add(id.strip());
                targetKeys.add(TestIds.keyOfId(id));
            }
        } else if (targets.fixFailing()) {
            if (report.failures().isEmpty() && report.outcome() != TestOutcome.COLLECTION_ERROR) {
                throw new AgentException("No test fails at the baseline (" + report.count(TestStatus.PASSED)
                        + " passed with " + command.describe() + "): there is nothing to fix. Name the tests to"
                        + " make pass, or describe the task instead.");
            }
            for (TestCaseResult c : report.failures()) {
                targetKeys.add(TestIds.key(c));
                if (command.runner() == TestCommand.Runner.PYTEST) {
                    TestIds.pytestId(root, c).ifPresent(targetIds::add);
                }
            }
        }
    }

    /** The baseline report; null before it ran. */
    public TestReport baselineReport() {
        return baseline;
    }

    /** The tests that must pass at the end, as keys. */
    public Set<String> targets() {
        return Set.copyOf(targetKeys);
    }

    /** A one-line summary of the baseline, for the prompt. */
    public String baselineSummary() {
        if (baseline == null) {
            return "";
        }
        String s = "At the start, " + command.describe() + " ran " + baseline.total() + " tests: "
                + baseline.count(TestStatus.PASSED) + " passed, " + baselineFailing.size() + " failed";
        if (baseline.outcome() == TestOutcome.COLLECTION_ERROR) {
            s += " (collection error: " + baseline.detail() + ")";
        }
        return s + ".";
    }

    /** The baseline's failing tests, their messages and tracebacks (at most 8,000 characters), to rank the map. */
    public String baselineFailures() {
        if (baseline == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (TestCaseResult c : baseline.failures()) {
            if (s.length() > 8_000) {
                break;
            }
            s.append(TestIds.key(c))
                    .append(": ")
                    .append(c.message())
                    .append('\n')
                    .append(c.trace())
                    .append('\n');
        }
        if (baseline.outcome() == TestOutcome.COLLECTION_ERROR) {
            s.append(baseline.detail())
                    .append('\n')
                    .append(
                            baseline.combinedOutput(),
                            0,
                            Math.min(4_000, baseline.combinedOutput().length()));
        }
        return s.toString();
    }

    /** The targeted tests alone, when the runner can select them and there are few enough; else empty. */
    public Optional<TestRequest> targeted() {
        if (!command.selectable()
                || targetIds.isEmpty()
                || targetIds.size() > MAX_SELECTED
                || command.runner() != TestCommand.Runner.PYTEST) {
            return Optional.empty();
        }
        return Optional.of(command.only(targetIds, timeout));
    }

    /** Whether the whole suite's report solves the task, and if not why. */
    public Verdict judge(TestReport report) {
        switch (report.outcome()) {
            case SANDBOX_ERROR, BLOCKED, TIMED_OUT, OUT_OF_MEMORY, COLLECTION_ERROR, NO_TESTS -> {
                return new Verdict(false, "the suite did not run cleanly: " + report.detail(), List.of(), List.of());
            }
            default -> {}
        }
        Set<String> failingNow = new LinkedHashSet<>();
        report.failures().forEach(c -> failingNow.add(TestIds.key(c)));
        Set<String> present = new LinkedHashSet<>();
        report.cases().forEach(c -> present.add(TestIds.key(c)));
        List<String> regressions = new ArrayList<>();
        List<String> unsolved = new ArrayList<>();
        for (String key : failingNow) {
            if (baselinePassing.contains(key)) {
                regressions.add(key);
            } else if (targetKeys.contains(key) || !baselineFailing.contains(key)) {
                unsolved.add(key);
            }
        }
        if (command.runner() != TestCommand.Runner.COMMAND) {
            for (String target : targetKeys) {
                if (!present.contains(target) && !failingNow.contains(target)) {
                    unsolved.add(target + " (did not run)");
                }
            }
        } else if (report.outcome() != TestOutcome.PASSED && (targets.fixFailing() || !targetKeys.isEmpty())) {
            unsolved.add(command.command() + " exited with status " + report.exitCode());
        }
        boolean solved = regressions.isEmpty() && unsolved.isEmpty();
        String summary;
        if (solved) {
            long passed = report.count(TestStatus.PASSED);
            summary = passed + "/" + report.total() + " tests passed"
                    + (failingNow.isEmpty() ? "" : "; " + failingNow.size() + " failed before the task too");
        } else {
            List<String> parts = new ArrayList<>();
            if (!regressions.isEmpty()) {
                parts.add(regressions.size() + " test(s) that passed before now fail: " + first(regressions));
            }
            if (!unsolved.isEmpty()) {
                parts.add(unsolved.size() + " test(s) still fail: " + first(unsolved));
            }
            summary = String.join("; ", parts);
        }
        return new Verdict(solved, summary, regressions, unsolved);
    }

    private static String first(List<String> items) {
        return String.join(", ", items.subList(0, Math.min(3, items.size()))) + (items.size() > 3 ? ", ..." : "");
    }

    /**
     * How the whole suite judged the run.
     *
     * @param solved the targets pass and nothing regressed
     * @param summary one line for the iteration's record and the model
     * @param regressions tests that passed at the baseline and fail now
     * @param unsolved targets or new tests that fail or did not run
     */
    public record Verdict(boolean solved, String summary, List<String> regressions, List<String> unsolved) {
        public Verdict {
            regressions = List.copyOf(regressions);
            unsolved = List.copyOf(unsolved);
        }
    }
}
