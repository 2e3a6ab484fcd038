package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.cli.support.BatchLines;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent batch} in-process with the real loop over a fake sandbox (see {@link FakeBackends#openShared}): gold
 * runs, pass@1, bad lines, the output folder's rules, resume and the caps.
 */
class BatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    FakeBackends backends;
    CliHarness cli;
    Path tasks;
    Path out;

    @BeforeEach
    void setUp() {
        backends = new FakeBackends();
        cli = new CliHarness(temp, backends);
        tasks = temp.resolve("tasks.jsonl");
        out = temp.resolve("out");
    }

    private void tasks(List<?> lines) {
        CliHarness.write(tasks, BatchLines.file(lines));
    }

    private List<Object> rightAndWrong(int right, int wrong) {
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < right + wrong; i++) {
            lines.add(BatchLines.task("t" + i, i < right ? "RIGHT" : "WRONG"));
        }
        return lines;
    }

    private CliHarness.Result batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", tasks.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private List<JsonNode> results() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("results.jsonl"))) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private JsonNode summary() throws IOException {
        return JSON.readTree(Files.readString(out.resolve("summary.json")));
    }

    @Test
    void goldRunSolvesEveryTaskThroughTheLoopAndWritesResultsSummaryAndReport() throws IOException {
        tasks(rightAndWrong(4, 0));
        CliHarness.Result r = batch("--gold", "--memory", "off", "--workers", "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<JsonNode> results = results();
        assertThat(results).hasSize(4);
        assertThat(results).allSatisfy(n -> {
            assertThat(n.path("solved").asBoolean()).isTrue();
            assertThat(n.path("status").asText()).isEqualTo("solved");
            assertThat(n.path("judged_by").asText()).isEqualTo("hidden_tests");
            assertThat(n.path("gold").asBoolean()).isTrue();
            assertThat(n.path("iterations").asInt()).isEqualTo(1);
            assertThat(n.path("tokens").asLong()).isPositive();
        });
        JsonNode summary = summary();
        assertThat(summary.path("total").asInt()).isEqualTo(4);
        assertThat(summary.path("pass_at_1").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("iterations_per_solved").path("median").asDouble())
                .isEqualTo(1.0);
        assertThat(summary.path("not_run").path("count").asInt()).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "pass@1 by project");
        assertThat(r.out()).contains("4 of 4 solved, pass@1 100.0% (gold patches)", "report.html");
        // the loop ran plan, code and its own tests in the sandbox for every task, then the judge ran the hidden test
        assertThat(backends.sandbox.sessions()).hasSize(8);
    }

    @Test
    void halfTheTasksAnsweredWronglyGivePassAtOneOfExactlyHalf() throws IOException {
        tasks(rightAndWrong(3, 3));
        CliHarness.Result r = batch("--gold", "--memory", "off");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(summary().path("pass_at_1").asDouble()).isEqualTo(0.5);
        Map<String, Boolean> solved = results().stream()
                .collect(Collectors.toMap(
                        n -> n.path("id").asText(), n -> n.path("solved").asBoolean()));
        assertThat(solved)
                .containsEntry("t0", true)
                .containsEntry("t2", true)
                .containsEntry("t3", false)
                .containsEntry("t5", false);
        // the wrong answers pass the run's own smoke test: the hidden tests are what tells them apart
        assertThat(results())
                .allSatisfy(n -> assertThat(n.path("status").asText()).isEqualTo("solved"));
    }

    @Test
    void badLinesAreReportedByLineNumberWhileTheOthersStillRun() throws IOException {
        var unknown = BatchLines.task("unknown", "RIGHT").put("difficulty", "easy");
        var badPatch = BatchLines.task("bad-patch", "RIGHT")
                .put("gold_patch", "--- a/solution.py\n+++ b/solution.py\n@@ -1 +1 @@\n-x\n+y\n");
        var noRepo = BatchLines.task("no-repo", "RIGHT");
        noRepo.remove("task");
        noRepo.put("repo", "does/not/exist").put("base", "abc123");
        var noLanguage = BatchLines.task("no-language", "RIGHT");
        noLanguage.remove("language");
        tasks(List.of(
                BatchLines.task("good-1", "RIGHT"),
                "{not json",
                unknown,
                badPatch,
                noRepo,
                noLanguage,
                BatchLines.task("good-1", "RIGHT"),
                BatchLines.task("good-2", "RIGHT")));
        CliHarness.Result r = batch("--gold", "--memory", "off");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(results()).extracting(n -> n.path("id").asText()).containsExactlyInAnyOrder("good-1", "good-2");
        assertThat(r.out())
                .contains("line 2: not valid JSON")
                .contains("line 3 (unknown): unknown field 'difficulty'")
                .contains("line 4 (bad-patch): the gold patch does not apply: it changes solution.py")
                .contains("line 5 (no-repo): the repo does/not/exist does not exist")
                .contains("line 6 (no-language): no language")
                .contains("line 7 (good-1): the id good-1 is already used on line 1");
        JsonNode invalid = summary().path("invalid");
        assertThat(invalid).hasSize(6);
        assertThat(invalid.get(0).path("line").asInt()).isEqualTo(2);
        assertThat(invalid.get(0).path("id").isNull()).isTrue();
    }

    @Test
    void anOutputFolderOfAnotherBatchFileIsRefusedUnlessResume() throws IOException {
        tasks(rightAndWrong(1, 0));
        assertThat(batch("--gold", "--memory", "off").exitCode()).isZero();
        tasks = temp.resolve("other.jsonl");
        tasks(rightAndWrong(2, 0));
        CliHarness.Result refused = batch("--gold", "--memory", "off");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("holds the results of another batch file", "--resume");
        assertThat(results()).hasSize(1);

        CliHarness.Result resumed = batch("--gold", "--memory", "off", "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(results()).extracting(n -> n.path("id").asText()).containsExactly("t0", "t1");
        assertThat(JSON.readTree(Files.readString(out.resolve("batch.json")))
                        .path("input")
                        .asText())
                .isEqualTo(tasks.toString());
    }

    @Test
    void theSameBatchAgainWithoutResumeIsRefusedAndLeavesTheResultsAlone() throws IOException {
        tasks(rightAndWrong(2, 0));
        batch("--gold", "--memory", "off");
        String before = Files.readString(out.resolve("results.jsonl"));
        CliHarness.Result again = batch("--gold", "--memory", "off");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds 2 result(s)", "--resume");
        assertThat(Files.readString(out.resolve("results.jsonl"))).isEqualTo(before);
    }

    @Test
    void resumeRunsOnlyWhatIsNotFinishedAndDropsATornLastLine() throws IOException {
        tasks(rightAndWrong(5, 0));
        assertThat(batch("--gold", "--memory", "off", "--limit", "3").exitCode())
                .isZero();
        Map<String, String> firstRuns = results().stream()
                .collect(Collectors.toMap(
                        n -> n.path("id").asText(), n -> n.path("task_id").asText()));
        // a batch killed while writing its fourth line leaves half of it
        Files.writeString(
                out.resolve("results.jsonl"),
                "{\"id\":\"t3\",\"line\":4,\"proj",
                java.nio.file.StandardOpenOption.APPEND);

        CliHarness.Result resumed = batch("--gold", "--memory", "off", "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("dropped a torn last line", "3 of 5 selected instance(s) already finished");
        List<JsonNode> results = results();
        assertThat(results).extracting(n -> n.path("id").asText()).containsExactly("t0", "t1", "t2", "t3", "t4");
        Map<String, String> afterRuns = results.stream()
                .collect(Collectors.toMap(
                        n -> n.path("id").asText(), n -> n.path("task_id").asText()));
        firstRuns.forEach((id, taskId) -> assertThat(afterRuns).containsEntry(id, taskId));
        assertThat(summary().path("this_run").path("finished").asInt()).isEqualTo(2);
    }

    @Test
    void resumeWithTheOtherMemoryModeRunsEveryTaskAgainAndTheReportComparesThem() throws IOException {
        tasks(rightAndWrong(2, 1));
        batch("--gold", "--memory", "off");
        CliHarness.Result fresh = batch("--gold", "--memory", "fresh", "--resume");
        assertThat(fresh.exitCode()).as(fresh.out() + fresh.err()).isZero();
        assertThat(results()).hasSize(6);
        JsonNode byMemory = summary().path("by_memory");
        assertThat(byMemory.path("off").path("total").asInt()).isEqualTo(3);
        assertThat(byMemory.path("fresh").path("total").asInt()).isEqualTo(3);
        assertThat(Files.readString(out.resolve("report.html"))).contains("id=\"memory-comparison\"");
    }

    @Test
    void costCapStopsTheBatchWithTheSpendUnderTheCap() throws IOException {
        cli.projectConfig("models:\n  max-output-tokens: 500\n  prices:\n    gold: {input: 0.01, output: 0.02}\n"
                + "hygiene:\n  max-prompt-tokens: 2000\n");
        tasks(rightAndWrong(30, 0));
        double cap = 0.05;
        CliHarness.Result r = batch("--gold", "--memory", "off", "--cost-cap", Double.toString(cap));
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<JsonNode> results = results();
        double spent =
                results.stream().mapToDouble(n -> n.path("cost").asDouble()).sum();
        assertThat(spent).isPositive().isLessThanOrEqualTo(cap);
        assertThat(results.size()).isBetween(1, 5);
        JsonNode summary = summary();
        assertThat(summary.path("cost").asDouble()).isLessThanOrEqualTo(cap);
        assertThat(summary.path("not_run").path("count").asInt() + results.size())
                .isEqualTo(30);
        assertThat(summary.path("not_run").path("reasons").path("cost_cap").asInt())
                .isPositive();
        assertThat(r.out()).contains("cap reached", "Not run:");
    }

    @Test
    void aTokenCapBelowTheWorstFirstCallStartsNothing() throws IOException {
        tasks(rightAndWrong(2, 0));
        CliHarness.Result r = batch("--gold", "--memory", "off", "--token-cap", "1000");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(summary().path("not_run").path("reasons").path("token_cap").asInt())
                .isEqualTo(2);
        assertThat(summary().path("total").asInt()).isZero();
        assertThat(backends.sandbox.sessions()).isEmpty();
    }

    @Test
    void hiddenTestsNeverReachAPromptNorTheRunsWorkspace() throws IOException {
        tasks(rightAndWrong(3, 1));
        List<String> prompts = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> leaks = new java.util.concurrent.CopyOnWriteArrayList<>();
        cli.backends = new RecordingBackends(backends, prompts);
        backends.sandbox.reportWith((request, workspace) -> {
            if (!workspace.getFileName().toString().endsWith("-judge")) {
                try (var files = Files.walk(workspace)) {
                    files.filter(Files::isRegularFile)
                            .filter(f -> read(f).contains("test_secret_expectation"))
                            .forEach(f -> leaks.add(f.toString()));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return dev.agentloop.core.testing.FakeSandbox.passing(1);
        });
        CliHarness.Result r = batch("--gold", "--memory", "off");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(prompts).hasSizeGreaterThan(4 * 3);
        assertThat(prompts)
                .allSatisfy(p ->
                        assertThat(p).doesNotContain("test_secret_expectation", "REQUIRES_RIGHT", "test_hidden.py"));
        assertThat(prompts).anySatisfy(p -> assertThat(p).contains("Write solution.py with answer() for t0."));
        assertThat(leaks).isEmpty();
    }

    @Test
    void aBatchWithoutGoldNeedsAModelEndpoint() {
        tasks(rightAndWrong(1, 0));
        CliHarness.Result r = batch("--memory", "off");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("No model endpoint");
    }

    @Test
    void badOptionsAreRefusedWithOneSentence() {
        tasks(rightAndWrong(1, 0));
        assertThat(batch("--workers", "0").err()).contains("--workers is 0, but it must be 1 to 64.");
        assertThat(batch("--cost-cap", "-1").err()).contains("--cost-cap is -1.0, but it must be more than 0");
        assertThat(batch("--memory", "maybe").err()).contains("--memory is 'maybe', but it must be on, off or fresh.");
        assertThat(batch("--filter", "(").err()).contains("--filter '(' is not a regular expression");
        assertThat(batch("--filter", "^nothing$", "--gold").err()).contains("No instance of");
        CliHarness.Result missing = cli.run("batch", temp.resolve("none.jsonl").toString(), "--out", out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("none.jsonl does not exist.");
    }

    @Test
    void filterAndLimitSelectTasksById() throws IOException {
        tasks(rightAndWrong(6, 0));
        assertThat(batch("--gold", "--memory", "off", "--filter", "^t[2-5]$", "--limit", "2")
                        .exitCode())
                .isZero();
        assertThat(results()).extracting(n -> n.path("id").asText()).containsExactlyInAnyOrder("t2", "t3");
    }

    @Test
    void plainProgressPrintsOneLinePerTaskWithTheTotals() {
        tasks(rightAndWrong(1, 1));
        CliHarness.Result r = batch("--gold", "--memory", "off");
        assertThat(r.out().lines().filter(l -> l.startsWith("[")).toList())
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("done |", "solved |", "running"));
        assertThat(r.out()).contains("not solved", "hidden tests 1/2 (failed)", "hidden tests 1/1");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** The fake backends with every model request's text recorded. */
    private static final class RecordingBackends extends dev.agentloop.cli.support.DelegatingBackends {
        private final List<String> prompts;

        RecordingBackends(FakeBackends delegate, List<String> prompts) {
            super(delegate);
            this.prompts = prompts;
        }

        @Override
        public dev.agentloop.cli.env.SharedAgent openShared(dev.agentloop.cli.env.SharedAgentRequest request) {
            Function<dev.langchain4j.model.chat.ChatModel, dev.langchain4j.model.chat.ChatModel> record =
                    model -> new dev.agentloop.cli.support.RecordingModel(model, prompts);
            return super.openShared(new dev.agentloop.cli.env.SharedAgentRequest(
                    request.config(),
                    request.memory(),
                    request.listener(),
                    request.approvals(),
                    request.model(),
                    (role, model, config) -> request.decorator().decorate(role, record.apply(model), config),
                    request.workspaceRoot()));
        }
    }
}
