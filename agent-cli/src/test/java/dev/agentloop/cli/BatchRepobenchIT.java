package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import dev.agentloop.core.testing.RequiredService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent batch --gold} on repobench's smoke instances (real Debian projects with an injected bug, fetched by
 * {@code scripts/repobench-fetch}) through repository mode, the real Docker sandbox and the judge: every instance is
 * solved through actions made from its gold patch, judged by its project's whole suite on a fresh checkout, with its
 * localization recorded, its branch left in the batch's own clone and the fetched repository unchanged. Missing
 * repositories are reported per instance, naming the script that fetches them.
 */
class BatchRepobenchIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Path REPOBENCH = PROJECT.resolve("benchmarks/repobench");

    @TempDir
    Path temp;

    Map<String, String> env;

    @BeforeEach
    void setUp() {
        Services.require();
        env = new HashMap<>(Services.env(Map.of()));
    }

    @Test
    void goldRepairsSolveEverySmokeInstanceJudgedByTheWholeSuiteOnAFreshCheckout() throws Exception {
        List<JsonNode> instances = lines(REPOBENCH.resolve("smoke.jsonl"));
        Map<String, Path> fetched = fetch(instances);
        Map<String, String> refsBefore = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : fetched.entrySet()) {
            refsBefore.put(e.getKey(), git(e.getValue(), "show-ref"));
        }
        Path batch = batchWithAbsoluteRepos(instances, fetched);
        Path out = temp.resolve("out");

        long start = System.nanoTime();
        CliHarness.Result r = agent(
                "batch", batch.toString(), "--out", out.toString(), "--gold", "--memory", "off", "--workers", "2");
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<JsonNode> results = lines(out.resolve("results.jsonl"));
        assertThat(results).hasSize(instances.size());
        for (JsonNode result : results) {
            JsonNode instance = byId(instances, result.path("id").asText());
            String id = instance.path("id").asText();
            assertThat(result.path("solved").asBoolean())
                    .as(id + ": " + result.path("detail") + " / " + result.path("judge_detail"))
                    .isTrue();
            assertThat(result.path("status").asText()).as(id).isEqualTo("solved");
            assertThat(result.path("judged_by").asText()).as(id).isEqualTo("suite");
            // the project's test command ran and passed on the fresh checkout with the run's patch
            assertThat(result.path("hidden_total").asInt()).as(id).isPositive();
            assertThat(result.path("hidden_passed").asInt())
                    .as(id)
                    .isEqualTo(result.path("hidden_total").asInt());
            assertThat(result.path("iterations").asInt()).as(id).isEqualTo(1);
            assertThat(result.path("project").asText())
                    .as(id)
                    .isEqualTo(instance.path("project").asText());
            assertThat(result.path("tests_ms").asLong()).as(id).isPositive();
            JsonNode loc = result.path("localization");
            assertThat(strings(loc.path("gold_files"))).as(id).isEqualTo(strings(instance.path("gold_files")));
            assertThat(loc.path("read_gold").asBoolean()).as(id).isTrue();
            assertThat(loc.path("edited_gold").asBoolean()).as(id).isTrue();
            assertThat(strings(loc.path("map_files")))
                    .as(id + ": the map was ranked")
                    .isNotEmpty();
            int rank = loc.path("map_file_rank").asInt();
            assertThat(rank)
                    .as(id)
                    .isEqualTo(strings(loc.path("map_files"))
                                    .indexOf(instance.path("gold_files").get(0).asText())
                            + 1);

            // the run's branch is in the batch's own clone: one commit on the base changing the gold files
            Path clone = out.resolve("repos").resolve(id + ".git");
            String branch = git(clone, "for-each-ref", "--format=%(refname:short)", "refs/heads/agentloop/")
                    .strip();
            assertThat(branch).as(id).startsWith("agentloop/");
            String base = instance.path("base").asText();
            assertThat(git(clone, "rev-list", "--count", base + ".." + branch).strip())
                    .as(id)
                    .isEqualTo("1");
            assertThat(git(clone, "diff", "--name-only", base, branch).lines().toList())
                    .as(id)
                    .containsExactlyInAnyOrderElementsOf(strings(instance.path("gold_files")));
            // the judge's checkouts are gone, and the fetched repository has no new ref
            assertThat(out.resolve("repos").resolve(id + ".git-judge")).doesNotExist();
            assertThat(git(fetched.get(id), "show-ref")).as(id).isEqualTo(refsBefore.get(id));
        }
        JsonNode summary = JSON.readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("pass_at_1").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("localization").path("instances").asInt()).isEqualTo(instances.size());
        assertThat(summary.path("localization").path("by_project").size()).isEqualTo(instances.size());
        assertThat(summary.path("localization").path("read_gold").asDouble()).isEqualTo(1.0);
        assertThat(r.out())
                .contains(instances.size() + " of " + instances.size() + " solved, pass@1 100.0% (gold patches)")
                .contains("Localization (" + instances.size() + " repository instances)");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("id=\"by-project\"").contains("map: file top-1");
        for (JsonNode instance : instances) {
            assertThat(report).contains(">" + instance.path("project").asText() + "<");
        }
        System.out.printf(
                "repobench smoke --gold: %d/%d solved, 2 workers, %.1f s%n", results.size(), instances.size(), seconds);
    }

    @Test
    void hiddenTestsJudgeTheRunAfterItEndedAndAFailingOneIsNeverForgiven() throws Exception {
        JsonNode xmltodict = byId(lines(REPOBENCH.resolve("smoke.jsonl")), "xmltodict-001");
        Map<String, Path> fetched = fetch(List.of(xmltodict));
        // passes only with the gold patch: attributes are emitted again
        ObjectNode passing = xmltodict.deepCopy();
        passing.put("id", "hidden-pass");
        passing.putObject("hidden_tests")
                .put(
                        "tests/test_hidden_judge.py",
                        "import xmltodict\n\n\ndef test_attributes_are_emitted():\n"
                                + "    assert 'x=\"1\"' in xmltodict.unparse({'a': {'@x': '1'}})\n");
        ObjectNode failing = xmltodict.deepCopy();
        failing.put("id", "hidden-fail");
        failing.putObject("hidden_tests")
                .put("tests/test_hidden_judge.py", "def test_never_passes():\n    assert 'hidden' == 'shown'\n");
        Path batch = batchWithAbsoluteRepos(
                List.of(passing, failing),
                Map.of("hidden-pass", fetched.get("xmltodict-001"), "hidden-fail", fetched.get("xmltodict-001")));
        Path out = temp.resolve("hidden");

        CliHarness.Result r = agent(
                "batch", batch.toString(), "--out", out.toString(), "--gold", "--memory", "off", "--workers", "2");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        Map<String, JsonNode> results = new HashMap<>();
        lines(out.resolve("results.jsonl"))
                .forEach(n -> results.put(n.path("id").asText(), n));
        // both runs solved their task; the hidden tests, written only for the judge, decide
        assertThat(results.get("hidden-pass").path("status").asText()).isEqualTo("solved");
        assertThat(results.get("hidden-pass").path("solved").asBoolean())
                .as(results.get("hidden-pass").toString())
                .isTrue();
        assertThat(results.get("hidden-fail").path("status").asText()).isEqualTo("solved");
        assertThat(results.get("hidden-fail").path("solved").asBoolean()).isFalse();
        assertThat(results.get("hidden-fail").path("judge_detail").asText()).contains("test_hidden_judge");
        assertThat(r.out()).contains("1 of 2 solved");
        // the runs never saw the hidden test: it is in no branch
        for (String id : List.of("hidden-pass", "hidden-fail")) {
            Path clone = out.resolve("repos").resolve(id + ".git");
            String branch = git(clone, "for-each-ref", "--format=%(refname:short)", "refs/heads/agentloop/")
                    .strip();
            assertThat(git(clone, "diff", "--name-only", xmltodict.path("base").asText(), branch))
                    .as(id)
                    .doesNotContain("test_hidden_judge");
        }
    }

    @Test
    void theJsonActionProtocolRepairsAnInstanceToo() throws Exception {
        List<JsonNode> instances = List.of(byId(lines(REPOBENCH.resolve("smoke.jsonl")), "xmltodict-001"));
        Path batch = batchWithAbsoluteRepos(instances, fetch(instances));
        Path out = temp.resolve("json");
        env.put("AGENT_ACTIONS_PROTOCOL", "json");

        CliHarness.Result r = agent("batch", batch.toString(), "--out", out.toString(), "--gold", "--memory", "off");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode result = lines(out.resolve("results.jsonl")).get(0);
        assertThat(result.path("solved").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("localization").path("edited_gold").asBoolean()).isTrue();
    }

    @Test
    void repositoriesNotFetchedYetAreReportedPerInstanceNamingTheFetchScript() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("repobench"));
        Files.copy(REPOBENCH.resolve("projects.json"), folder.resolve("projects.json"));
        Files.copy(REPOBENCH.resolve("smoke.jsonl"), folder.resolve("smoke.jsonl"));
        Path out = temp.resolve("out");

        CliHarness.Result r = agent(
                "batch",
                folder.resolve("smoke.jsonl").toString(),
                "--out",
                out.toString(),
                "--gold",
                "--memory",
                "off");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.USAGE.code());
        JsonNode summary = JSON.readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("invalid")).hasSize(3);
        for (JsonNode problem : summary.path("invalid")) {
            assertThat(problem.path("problem").asText())
                    .contains("the repo repos/" + problem.path("id").asText() + " does not exist")
                    .contains("scripts/repobench-fetch");
        }
        assertThat(lines(out.resolve("results.jsonl"))).isEmpty();
    }

    /** The instances with {@code repo} pointing at the fetched repositories, in a batch file of the test's own. */
    private Path batchWithAbsoluteRepos(List<JsonNode> instances, Map<String, Path> fetched) throws IOException {
        List<String> rewritten = new ArrayList<>();
        for (JsonNode instance : instances) {
            ObjectNode copy = instance.deepCopy();
            copy.put("repo", fetched.get(instance.path("id").asText()).toString());
            rewritten.add(copy.toString());
        }
        Path batch = temp.resolve("smoke.jsonl");
        Files.write(batch, rewritten);
        return batch;
    }

    /** The instances' repositories from the cache, fetched (and checked against their pinned commits) when missing. */
    private Map<String, Path> fetch(List<JsonNode> instances) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                PROJECT.resolve("scripts/repobench-fetch").toString(),
                "--instances-file",
                REPOBENCH.resolve("smoke.jsonl").toString(),
                "--no-link"));
        for (JsonNode instance : instances) {
            command.add("--instance");
            command.add(instance.path("id").asText());
        }
        Process p = new ProcessBuilder(command).directory(PROJECT.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(20, TimeUnit.MINUTES) && p.exitValue() == 0;
        RequiredService.require(ok, "scripts/repobench-fetch could not get the sources (no Debian mirror?): " + err);
        Map<String, Path> repos = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split("\t");
            if (parts.length >= 2) {
                repos.put(parts[0], Path.of(parts[1]));
            }
        }
        assertThat(repos.keySet()).hasSize(instances.size());
        return repos;
    }

    private CliHarness.Result agent(String... args) {
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
                new DefaultBackends(env, PROJECT));
        int code = AgentCli.create(context).execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    private static JsonNode byId(List<JsonNode> instances, String id) {
        return instances.stream()
                .filter(i -> i.path("id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
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

    private static String git(Path repo, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(String.join(" ", argv) + " did not end");
        }
        return out;
    }
}
