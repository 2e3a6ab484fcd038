package dev.agentloop.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Task;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.spi.TestCaseResult;
import dev.agentloop.core.spi.TestOutcome;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.git.SourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repository instances without Docker: the checks before a run (repository, base, gold patch), the task on a clone of
 * the batch's own, and the judge's verdicts on a fresh checkout (with a fake sandbox that runs "tests" on the files).
 */
class RepositoryInstancesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUGGY = "def add(a, b):\n    return a - b\n";
    private static final String FIXED = "def add(a, b):\n    return a + b\n";
    private static final String GOLD = "diff --git a/calc.py b/calc.py\n--- a/calc.py\n+++ b/calc.py\n"
            + "@@ -1,2 +1,2 @@\n def add(a, b):\n-    return a - b\n+    return a + b\n";

    @TempDir
    Path temp;

    Path bench;
    Path repo;
    String base;

    @BeforeEach
    void repository() throws IOException {
        bench = Files.createDirectories(temp.resolve("bench"));
        repo = Files.createDirectories(bench.resolve("repos/calc-001"));
        Files.writeString(repo.resolve("calc.py"), BUGGY);
        Files.createDirectories(repo.resolve("tests"));
        Files.writeString(
                repo.resolve("tests/test_calc.py"),
                "from calc import add\n\n\ndef test_add():\n"
                        + "    assert add(1, 2) == 3\n\n\ndef test_env():\n    assert True\n");
        GitCommands.run(repo, "init", "-q");
        GitCommands.run(repo, "add", "-A");
        GitCommands.run(
                repo, "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q", "-m", "calc at its base");
        base = GitCommands.run(repo, "rev-parse", "HEAD").strip();
    }

    private RepositoryInstances handler() {
        return new RepositoryInstances(
                bench, temp.resolve("out/repos"), Duration.ofMinutes(1), SourceLimits.ofDefaults());
    }

    private BatchInstance instance(Map<String, Object> changes) throws IOException {
        ObjectNode line = JSON.createObjectNode()
                .put("id", "calc-001")
                .put("language", "python")
                .put("repo", "repos/calc-001")
                .put("base", base)
                .put("test_command", "python3 -m pytest -q tests")
                .put("gold_patch", GOLD)
                .put("project", "calc");
        line.putArray("failing_tests").add("tests/test_calc.py::test_add");
        line.putArray("gold_files").add("calc.py");
        changes.forEach((k, v) -> line.set(k, JSON.valueToTree(v)));
        Path file = bench.resolve("instances.jsonl");
        Files.writeString(file, line + "\n");
        BatchFile batch = BatchFile.read(file);
        assertThat(batch.invalid()).isEmpty();
        return batch.instances().get(0);
    }

    @Test
    void aMissingRepositoryIsNamedAndInRepobenchsLayoutSoIsTheScriptThatFetchesIt() throws IOException {
        BatchInstance missing = instance(Map.of("repo", "repos/gone-001"));

        assertThatThrownBy(() -> handler().check(missing, true))
                .hasMessageContaining("the repo repos/gone-001 does not exist")
                .hasMessageNotContaining("repobench-fetch");

        Files.writeString(bench.resolve("projects.json"), "{}");
        assertThatThrownBy(() -> handler().check(missing, true))
                .hasMessageContaining("the repo repos/gone-001 does not exist")
                .hasMessageContaining("run scripts/repobench-fetch first");
    }

    @Test
    void anUnknownBaseAndAGoldPatchThatDoesNotFitAreReportedForTheInstance() throws IOException {
        assertThatThrownBy(() -> handler().check(instance(Map.of("base", "0".repeat(40))), false))
                .hasMessageContaining("its base " + "0".repeat(40) + " is not a commit of");
        String stale = GOLD.replace("return a - b", "return a * b");
        assertThatThrownBy(() -> handler().check(instance(Map.of("gold_patch", stale)), true))
                .isInstanceOf(InvalidInstanceException.class)
                .hasMessageContaining("the gold patch does not apply");
        handler().check(instance(Map.of()), true);
    }

    @Test
    void theTaskWorksOnACloneOfTheBatchsOwnAndFixesTheFailingTestsWithTheProjectsCommand() throws IOException {
        String refsBefore = GitCommands.run(repo, "show-ref");
        BatchInstance instance = instance(Map.of());

        Task task = handler().task(instance, UUID.randomUUID());

        assertThat(task.text())
                .isEqualTo("Make these failing tests pass without weakening them: tests/test_calc.py::test_add.");
        assertThat(task.project()).isEqualTo("calc");
        assertThat(task.tests().failing()).containsExactly("tests/test_calc.py::test_add");
        assertThat(task.tests().fixFailing()).isTrue();
        assertThat(task.tests().command()).isEqualTo("python3 -m pytest -q tests");
        Path clone = temp.resolve("out/repos/calc-001.git");
        assertThat(task.source().orElseThrow().describe()).contains(clone.toString());
        assertThat(GitCommands.run(clone, "rev-parse", "HEAD").strip()).isEqualTo(base);
        assertThat(GitCommands.run(repo, "show-ref")).isEqualTo(refsBefore);
        // the gold answer reads the base from that clone
        assertThat(handler().gold(instance)).isInstanceOf(GoldActions.class);
    }

    /** "Tests" of the calc project: test_add passes when add adds, test_env fails when asked to (the environment). */
    private static TestReport calcTests(Path workspace, boolean envBroken) {
        List<TestCaseResult> cases = new ArrayList<>();
        String code;
        try {
            code = Files.readString(workspace.resolve("calc.py"));
        } catch (IOException e) {
            code = "";
        }
        cases.add(
                code.contains("a + b")
                        ? TestCaseResult.passed("tests.test_calc", "test_add")
                        : TestCaseResult.failed("tests.test_calc", "test_add", "assert -1 == 3", ""));
        cases.add(
                envBroken
                        ? TestCaseResult.failed("tests.test_calc", "test_env", "no network", "")
                        : TestCaseResult.passed("tests.test_calc", "test_env"));
        if (Files.exists(workspace.resolve("tests/test_hidden.py"))) {
            cases.add(TestCaseResult.failed("tests.test_hidden", "test_hidden", "assert False", ""));
        }
        boolean passed = cases.stream().allMatch(c -> c.status() == dev.agentloop.core.spi.TestStatus.PASSED);
        return new TestReport(
                passed ? TestOutcome.PASSED : TestOutcome.FAILED, cases, "", "", passed ? 0 : 1, Duration.ZERO, "");
    }

    private static AgentResult solved(String patch) {
        Handoff handoff = new Handoff(
                Optional.of("agentloop/1234abcd"), "c0ffee", Path.of("x.patch"), patch, List.of("calc.py"), "");
        return new AgentResult.Solved(
                UUID.randomUUID(), Map.of(), 1, 10, 0, Duration.ofSeconds(1), Path.of("ws"), Optional.of(handoff));
    }

    @Test
    void theJudgeRunsTheSuiteOnAFreshCheckoutWithTheRunsPatch() throws IOException {
        BatchInstance instance = instance(Map.of());
        RepositoryInstances handler = handler();
        handler.task(instance, UUID.randomUUID());
        FakeSandbox sandbox = new FakeSandbox().reportWith((request, ws) -> calcTests(ws, false));

        Verdict fixed = handler.judge(instance, solved(GOLD), sandbox);
        Verdict unchanged = handler.judge(instance, solved(""), sandbox);

        assertThat(fixed.solved()).isTrue();
        assertThat(fixed.judge()).isEqualTo(Verdict.Judge.SUITE);
        assertThat(fixed.passed()).isEqualTo(2);
        TestRequest request = sandbox.lastSession().testRequests().get(0);
        assertThat(request.command()).isEqualTo("python3 -m pytest -q tests");
        assertThat(unchanged.solved()).isFalse();
        assertThat(unchanged.detail()).contains("tests.test_calc::test_add");
        assertThat(temp.resolve("out/repos/calc-001.git-judge")).doesNotExist();
    }

    @Test
    void failuresOfTheBaseAreForgivenButNotTheTargetsNorTheHiddenTests() throws IOException {
        FakeSandbox brokenEnv = new FakeSandbox().reportWith((request, ws) -> calcTests(ws, true));
        BatchInstance instance = instance(Map.of());
        RepositoryInstances handler = handler();
        handler.task(instance, UUID.randomUUID());

        assertThat(handler.judge(instance, solved(GOLD), brokenEnv).solved()).isTrue();
        assertThat(handler.judge(instance, solved(""), brokenEnv).detail()).contains("still fails");

        BatchInstance hidden = instance(Map.of("hidden_tests", Map.of("tests/test_hidden.py", "def test_hidden(): 0")));
        handler.task(hidden, UUID.randomUUID());
        Verdict withHidden = handler.judge(hidden, solved(GOLD), brokenEnv);
        assertThat(withHidden.solved()).isFalse();
        assertThat(withHidden.detail()).contains("tests.test_hidden::test_hidden");
    }

    @Test
    void aRunWithoutAPatchOrWithOneThatDoesNotApplyIsNotSolved() throws IOException {
        BatchInstance instance = instance(Map.of());
        RepositoryInstances handler = handler();
        handler.task(instance, UUID.randomUUID());
        FakeSandbox sandbox = new FakeSandbox().reportWith((request, ws) -> calcTests(ws, false));
        AgentResult stopped = new AgentResult.Stopped(
                UUID.randomUUID(),
                dev.agentloop.core.StopReason.ITERATION_LIMIT,
                "",
                3,
                10,
                0,
                Duration.ofSeconds(1),
                Path.of("ws"));

        assertThat(handler.judge(instance, stopped, sandbox).detail()).isEqualTo("the run handed back no patch");
        Verdict stale = handler.judge(instance, solved(GOLD.replace("return a - b", "return a * b")), sandbox);
        assertThat(stale.solved()).isFalse();
        assertThat(stale.detail()).contains("does not apply to a fresh checkout");
    }

    @Test
    void aPytestIdAndAReportedCaseAreTheSameTest() {
        assertThat(RepositoryInstances.sameTest("tests/test_x.py::TestC::test_y", "tests.test_x.TestC::test_y"))
                .isTrue();
        assertThat(RepositoryInstances.sameTest("tests/test_x.py::test_y", "tests.test_x::test_z"))
                .isFalse();
        assertThat(RepositoryInstances.sameTest(
                        "ms(number) should support minutes", "ms(number) should support minutes"))
                .isTrue();
    }
}
