package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.env.SharedAgent;
import dev.agentloop.cli.env.SharedAgentRequest;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.DelegatingBackends;
import dev.agentloop.cli.support.RecordingModel;
import dev.agentloop.cli.support.Services;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent batch} on the shipped HumanEval tasks through the real loop and the Docker sandbox: the gold patches
 * solve all 164; canonical answers for half and wrong ones for the rest give pass@1 of exactly 50 % with no hidden
 * test in any request; a batch killed with SIGKILL resumes without re-running what finished.
 */
class HumanEvalBatchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path TASKS = PROJECT.resolve("benchmarks/humaneval/tasks.jsonl");

    @TempDir
    Path temp;

    Map<String, String> env;

    @BeforeEach
    void setUp() {
        Services.require();
        env = Services.env(Map.of());
    }

    private CliHarness.Result agent(dev.agentloop.cli.env.Backends backends, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CliContext context = CliContext.of(
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true),
                new java.io.ByteArrayInputStream(new byte[0]),
                env,
                PROJECT,
                temp.resolve("home"),
                java.time.Clock.systemUTC(),
                backends);
        int code = AgentCli.create(context).execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void goldPatchesSolveAll164ThroughTheLoopAndTheHiddenTests() throws IOException {
        Path out = temp.resolve("gold");
        long start = System.nanoTime();
        CliHarness.Result r = agent(
                new DefaultBackends(env, PROJECT),
                "batch",
                TASKS.toString(),
                "--out",
                out.toString(),
                "--gold",
                "--memory",
                "off",
                "--workers",
                "2");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        assertThat(results).hasSize(164);
        assertThat(results.stream()
                        .filter(n -> !n.path("solved").asBoolean())
                        .map(n -> n.path("id") + " " + n.path("judge_detail") + " " + n.path("detail"))
                        .toList())
                .isEmpty();
        assertThat(results).allSatisfy(n -> {
            assertThat(n.path("judged_by").asText()).isEqualTo("hidden_tests");
            assertThat(n.path("hidden_total").asInt()).isEqualTo(1);
            assertThat(n.path("status").asText()).isEqualTo("solved");
        });
        JsonNode summary = JSON.readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("pass_at_1").asDouble()).isEqualTo(1.0);
        assertThat(r.out()).contains("164 of 164 solved, pass@1 100.0% (gold patches)");
        System.out.printf(
                "HumanEval --gold: 164/164 solved, 2 workers, %.1f s, %.2f tasks/s%n", seconds, 164 / seconds);
    }

    @Test
    void canonicalAnswersForHalfAndWrongOnesForTheRestGiveExactlyFiftyPercentAndNoRequestHoldsAHiddenTest()
            throws IOException {
        Map<String, String> prompts = humanEvalPrompts();
        List<String> lines = Files.readAllLines(TASKS);
        List<String> mixed = new ArrayList<>();
        Set<String> canonical = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode task = (ObjectNode) JSON.readTree(lines.get(i));
            String id = task.path("id").asText();
            if (i % 2 == 0) {
                canonical.add(id);
            } else {
                String wrong = prompts.get(id) + "    raise NotImplementedError(\"wrong on purpose\")\n";
                task.put("gold_patch", dev.agentloop.cli.support.BatchLines.creation("solution.py", wrong));
            }
            mixed.add(task.toString());
        }
        Path file = temp.resolve("half.jsonl");
        Files.write(file, mixed);
        List<String> requests = new CopyOnWriteArrayList<>();
        Path out = temp.resolve("half");
        CliHarness.Result r = agent(
                new RecordingBackends(new DefaultBackends(env, PROJECT), requests),
                "batch",
                file.toString(),
                "--out",
                out.toString(),
                "--gold",
                "--memory",
                "off",
                "--workers",
                "2");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        assertThat(results).hasSize(164);
        assertThat(results.stream()
                        .filter(n -> n.path("solved").asBoolean())
                        .map(n -> n.path("id").asText())
                        .collect(Collectors.toSet()))
                .isEqualTo(canonical);
        assertThat(JSON.readTree(Files.readString(out.resolve("summary.json")))
                        .path("pass_at_1")
                        .asDouble())
                .isEqualTo(0.5);

        // Every line of every hidden test that the task text does not already show: none may be in any request.
        Set<String> secret = new HashSet<>();
        for (String line : lines) {
            JsonNode task = JSON.readTree(line);
            String text = task.path("task").asText();
            task.path("hidden_tests")
                    .forEach(content -> content.asText()
                            .lines()
                            .map(String::strip)
                            .filter(l -> l.length() > 12 && !text.contains(l))
                            .forEach(secret::add));
        }
        assertThat(secret).contains("def check(candidate):", "def test_humaneval():");
        assertThat(requests).hasSizeGreaterThanOrEqualTo(164 * 4);
        List<String> leaked = new ArrayList<>();
        for (String request : requests) {
            request.lines().map(String::strip).filter(secret::contains).forEach(leaked::add);
            if (request.contains("test_humaneval_hidden")) {
                leaked.add("test_humaneval_hidden");
            }
        }
        assertThat(leaked).as("hidden test lines found in model requests").isEmpty();
        // and no run's workspace kept a hidden test: the judge worked on a copy made after the run
        try (var files = Files.walk(out.resolve("workspaces"))) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("test_humaneval_hidden.py")))
                    .isEmpty();
        }
    }

    @Test
    void aBatchKilledWithSigkillResumesWithoutRerunningFinishedTasksOrDuplicatingLines() throws Exception {
        Path out = temp.resolve("killed");
        Path results = out.resolve("results.jsonl");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.agentloop.cli.Main",
                "batch",
                TASKS.toString(),
                "--out",
                out.toString(),
                "--gold",
                "--memory",
                "off",
                "--workers",
                "2",
                "--limit",
                "24"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AGENT_HOME", PROJECT.toString());
        pb.redirectOutput(temp.resolve("killed.log").toFile());
        Process process = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (finishedLines(results) < 6 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(process.isAlive())
                    .as(Files.readString(temp.resolve("killed.log")))
                    .isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            process.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> before = Files.readAllLines(results).stream()
                .filter(l -> l.endsWith("}"))
                .toList();
        assertThat(before).hasSizeBetween(6, 23);
        Map<String, String> firstRuns = new HashMap<>();
        for (String line : before) {
            JsonNode n = JSON.readTree(line);
            firstRuns.put(n.path("id").asText(), n.path("task_id").asText());
        }

        CliHarness.Result resumed = agent(
                new DefaultBackends(env, PROJECT),
                "batch",
                TASKS.toString(),
                "--out",
                out.toString(),
                "--gold",
                "--memory",
                "off",
                "--workers",
                "2",
                "--limit",
                "24",
                "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        List<JsonNode> after = lines(results);
        assertThat(after).hasSize(24);
        assertThat(after.stream().map(n -> n.path("id").asText()).distinct()).hasSize(24);
        Map<String, String> afterRuns = after.stream()
                .collect(Collectors.toMap(
                        n -> n.path("id").asText(), n -> n.path("task_id").asText()));
        firstRuns.forEach((id, taskId) -> assertThat(afterRuns).containsEntry(id, taskId));
        JsonNode summary = JSON.readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("this_run").path("finished").asInt()).isEqualTo(24 - firstRuns.size());
        assertThat(summary.path("pass_at_1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void aCostCapOfAFewCentsStopsTheBatchWithTheSpendUnderTheCap() throws IOException {
        CliHarness.write(
                temp.resolve("home/.agentloop/agent.yaml"),
                "models:\n  max-output-tokens: 500\n  prices:\n    gold: {input: 0.01, output: 0.02}\n"
                        + "hygiene:\n  max-prompt-tokens: 2000\n");
        Path out = temp.resolve("capped");
        CliHarness.Result r = agent(
                new DefaultBackends(env, PROJECT),
                "batch",
                TASKS.toString(),
                "--out",
                out.toString(),
                "--gold",
                "--memory",
                "off",
                "--workers",
                "2",
                "--limit",
                "12",
                "--cost-cap",
                "0.05");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        double spent =
                results.stream().mapToDouble(n -> n.path("cost").asDouble()).sum();
        assertThat(results).isNotEmpty();
        assertThat(spent).isPositive().isLessThanOrEqualTo(0.05);
        JsonNode summary = JSON.readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("cost").asDouble()).isLessThanOrEqualTo(0.05);
        assertThat(summary.path("not_run").path("reasons").path("cost_cap").asInt() + results.size())
                .isEqualTo(12);
        System.out.printf(
                "cost cap 0.05: %d of 12 tasks ran, %.4f spent, %s%n", results.size(), spent, summary.path("not_run"));
    }

    private static long finishedLines(Path results) throws IOException {
        if (!Files.exists(results)) {
            return 0;
        }
        return Files.readAllLines(results).stream().filter(l -> l.endsWith("}")).count();
    }

    private static Map<String, String> humanEvalPrompts() throws IOException {
        Map<String, String> prompts = new HashMap<>();
        Path gz = PROJECT.resolve("benchmarks/humaneval/HumanEval.jsonl.gz");
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonNode p = JSON.readTree(line);
                    prompts.put(p.path("task_id").asText(), p.path("prompt").asText());
                }
            }
        }
        return prompts;
    }

    /** The real backends with every model request's text recorded. */
    private static final class RecordingBackends extends DelegatingBackends {
        private final List<String> requests;

        RecordingBackends(DefaultBackends delegate, List<String> requests) {
            super(delegate);
            this.requests = requests;
        }

        @Override
        public SharedAgent openShared(SharedAgentRequest request) {
            return super.openShared(new SharedAgentRequest(
                    request.config(),
                    request.memory(),
                    request.listener(),
                    request.approvals(),
                    request.model(),
                    (role, model, config) ->
                            request.decorator().decorate(role, new RecordingModel(model, requests), config),
                    request.workspaceRoot()));
        }
    }
}
