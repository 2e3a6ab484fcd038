package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentloop.cli.batch.GoldRepair;
import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import dev.agentloop.core.Language;
import dev.agentloop.core.testing.RequiredService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real projects, not toys: repobench instances (Debian source packages with an injected one-line bug, fetched and
 * rebuilt by {@code scripts/repobench-fetch}) repaired by {@code agent run --repo --fix-tests} with a scripted model
 * that acts as a developer would (search, read, replace, run the failing tests) in the real Docker sandbox. Every
 * instance must end solved, on a branch with one commit on its base that changes the gold files, with the user's
 * checkout byte for byte as it was. The smoke instances run by default; {@code AGENTLOOP_REPOBENCH_INSTANCES} names
 * another instances file (e.g. benchmarks/repobench/instances.jsonl for all of them).
 */
class RepobenchRepairIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    CliHarness cli;
    String schema;

    @BeforeEach
    void setUp() {
        Services.require();
        schema = "cli_repobench_" + UUID.randomUUID().toString().substring(0, 8);
        cli = new CliHarness(temp, null);
        cli.env.putAll(Services.env(Map.of(
                "AGENT_DATABASE_SCHEMA",
                schema,
                "AGENT_WORKSPACE",
                temp.resolve("ws").toString())));
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            Services.dropSchema(schema);
        }
    }

    @Test
    void everyInstanceIsRepairedThroughActionsOntoAOneCommitBranchWithTheCheckoutUntouched() throws Exception {
        Path instancesFile = PROJECT.resolve(
                System.getenv().getOrDefault("AGENTLOOP_REPOBENCH_INSTANCES", "benchmarks/repobench/smoke.jsonl"));
        List<JsonNode> instances = new ArrayList<>();
        for (String line : Files.readAllLines(instancesFile)) {
            if (!line.isBlank()) {
                instances.add(JSON.readTree(line));
            }
        }
        assertThat(instances).isNotEmpty();
        Map<String, Path> repos = fetch(instancesFile, instances);

        List<String> failures = new ArrayList<>();
        for (JsonNode instance : instances) {
            String id = instance.path("id").asText();
            try {
                repair(instance, repos.get(id));
            } catch (AssertionError | Exception e) {
                failures.add(id + ": " + e.getMessage());
            }
        }
        assertThat(failures).as("instances not repaired").isEmpty();
    }

    private void repair(JsonNode instance, Path fetched) throws Exception {
        String id = instance.path("id").asText();
        String base = instance.path("base").asText();
        Path user = temp.resolve("checkouts").resolve(id);
        Files.createDirectories(user.getParent());
        run(List.of("git", "clone", "-q", fetched.toString(), user.toString()), temp);
        assertThat(git(user, "rev-parse", "HEAD").strip()).isEqualTo(base);
        Map<String, String> before = snapshot(user);

        List<String> failing = new ArrayList<>();
        instance.path("failing_tests").forEach(t -> failing.add(t.asText()));
        Language language = Language.fromId(instance.path("language").asText());
        String testCommand = instance.path("test_command").asText("");
        List<String> turns = GoldRepair.turns(
                instance.path("gold_patch").asText(), path -> read(user.resolve(path)), language, failing, testCommand);
        Path script = temp.resolve("scripts").resolve(id + ".json");
        Files.createDirectories(script.getParent());
        Files.writeString(script, GoldRepair.script("repair of " + id, turns));

        List<String> args = new ArrayList<>(List.of(
                "run",
                "--repo",
                user.toString(),
                "--base",
                base,
                "-l",
                language.id(),
                "--model-script",
                script.toString()));
        if (!testCommand.isBlank()) {
            args.addAll(List.of("--test-cmd", testCommand));
        }
        args.add("--fix-tests");
        args.addAll(failing);
        CliHarness.Result result = agent(args.toArray(String[]::new));

        assertThat(result.exitCode())
                .as(id + "\n" + result.out() + result.err())
                .isZero();
        String branch = result.out().replaceAll("(?s).*branch: (agentloop/[0-9a-f]{8}).*", "$1");
        assertThat(git(user, "rev-list", "--count", base + ".." + branch).strip())
                .as(id)
                .isEqualTo("1");
        assertThat(git(user, "rev-parse", branch + "^").strip()).as(id).isEqualTo(base);
        List<String> changed =
                git(user, "diff", "--name-only", base, branch).lines().toList();
        List<String> gold = new ArrayList<>();
        instance.path("gold_files").forEach(f -> gold.add(f.asText()));
        assertThat(changed).as(id).containsExactlyInAnyOrderElementsOf(gold);
        assertThat(snapshot(user)).as(id + ": the user's checkout").isEqualTo(before);
    }

    /** The instances' repositories from the cache, fetched (and checked against their pinned commits) when missing. */
    private Map<String, Path> fetch(Path instancesFile, List<JsonNode> instances) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                PROJECT.resolve("scripts/repobench-fetch").toString(),
                "--instances-file",
                instancesFile.toString(),
                "--no-link"));
        for (JsonNode instance : instances) {
            command.add("--instance");
            command.add(instance.path("id").asText());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(PROJECT.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(20, TimeUnit.MINUTES);
        boolean ok = done && p.exitValue() == 0;
        RequiredService.require(ok, "scripts/repobench-fetch could not get the sources (no Debian mirror?): " + err);
        Map<String, Path> repos = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split("\t");
            if (parts.length >= 2) {
                repos.put(parts[0], Path.of(parts[1]));
            }
        }
        return repos;
    }

    private CliHarness.Result agent(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        CliContext context = CliContext.of(
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true),
                new java.io.ByteArrayInputStream(new byte[0]),
                cli.env,
                PROJECT,
                cli.home,
                java.time.Clock.systemUTC(),
                new DefaultBackends(cli.env, PROJECT));
        int code = AgentCli.create(context).execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        return run(argv, repo);
    }

    private static String run(List<String> argv, Path dir) throws Exception {
        Process p = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    /** Every file of the checkout (and .git's HEAD and index) by content, with git's status and HEAD. */
    private static Map<String, String> snapshot(Path repo) throws Exception {
        Map<String, String> state = new TreeMap<>();
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(repo)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = repo.relativize(p).toString();
                if (rel.startsWith(".git/") && !rel.equals(".git/HEAD") && !rel.equals(".git/index")) {
                    continue;
                }
                state.put(rel, java.util.HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        state.put("(status)", git(repo, "status", "--porcelain", "--untracked-files=all"));
        state.put("(HEAD)", git(repo, "rev-parse", "HEAD"));
        return state;
    }
}
