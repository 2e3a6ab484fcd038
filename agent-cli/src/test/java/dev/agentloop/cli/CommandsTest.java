package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.env.DoctorCheck;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import dev.agentloop.cli.support.FreePort;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.IterationFinished;
import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.event.MemoryHit;
import dev.agentloop.core.event.TestsRun;
import dev.agentloop.core.spi.TestOutcome;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command through picocli in-process, with fake backends: output and exit code. */
class CommandsTest {

    @TempDir
    Path temp;

    FakeBackends backends;
    CliHarness cli;

    @BeforeEach
    void setUp() {
        backends = new FakeBackends();
        cli = new CliHarness(temp, backends);
    }

    @Test
    void helpListsCommandsExamplesAndExitCodes() {
        CliHarness.Result r = cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("run", "history", "show", "memory", "doctor", "config", "completion")
                .contains("Examples:", "agent run --demo")
                .contains("130 cancelled", "3 environment not ready");
    }

    @Test
    void everySubcommandHasHelpWithExamples() {
        for (String[] command : List.of(
                new String[] {"run"},
                new String[] {"history"},
                new String[] {"show"},
                new String[] {"memory"},
                new String[] {"memory", "search"},
                new String[] {"doctor"},
                new String[] {"config", "show"},
                new String[] {"completion"})) {
            String[] args = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(command), java.util.stream.Stream.of("--help"))
                    .toArray(String[]::new);
            CliHarness.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage:", "Examples:");
            assertThat(r.out()).as(String.join(" ", args)).contains("Usage: agent " + String.join(" ", command));
        }
    }

    @Test
    void helpOnASubcommandAndTheCompletionScriptStillSeeTheWholeTree() {
        CliHarness.Result help = cli.run("help", "history");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: agent history");
        CliHarness.Result completion = cli.run("completion");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("history", "doctor", "memory");
        CliHarness.Result typo = cli.run("histroy");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Try 'agent --help'");
    }

    @Test
    void anUnknownCommandIsNamedAndAUsageErrorEvenWithHelp() {
        for (String[] args : List.of(new String[] {"UNKNOWN", "--help"}, new String[] {"UNKNOWN"})) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains(
                            "unknown command 'UNKNOWN'",
                            "the commands are run, issue, watch, audit, batch,",
                            "history",
                            "Try 'agent --help'");
            assertThat(r.out()).as(String.join(" ", args)).doesNotContain("Usage:");
        }
    }

    @Test
    void versionNamesTheCommitAndJava() {
        CliHarness.Result r = cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("agent ").contains("commit ", "Java ");
    }

    @Test
    void unknownFlagIsAUsageErrorWithAHint() {
        CliHarness.Result r = cli.run("run", "--frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'", "Try 'agent run --help'");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void runWithoutTaskOffTerminalIsAUsageError() {
        CliHarness.Result r = cli.run("run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing task", "--task", "agent run --demo");
        assertThat(backends.requests).isEmpty();
    }

    @Test
    void badFlagValueNamesTheFlagAndTheAllowedValues() {
        CliHarness.Result r = cli.run("run", "--task", "x", "--mode", "reckless");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--mode 'reckless'", "manual, supervised, autonomous");
    }

    @Test
    void unknownRoleInModelFlagIsAUsageError() {
        CliHarness.Result r = cli.run("run", "--task", "x", "--model", "poet=gpt");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown role 'poet'", "coder");
    }

    @Test
    void brokenYamlNamesFileAndLine() {
        cli.projectConfig("loop:\n  max-iterations: 3\n bad: [unclosed\n");
        CliHarness.Result r = cli.run("config", "validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("config/agent.yaml:3").contains("malformed");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badMemoryValueIsAUsageErrorNamingFileLineKeyAndAllowedValues() {
        cli.projectConfig("memory:\n  write-attempts: 2\n  embedded-text: bogus\n");
        for (String[] args : new String[][] {{"config", "validate"}, {"config", "show"}, {"run", "--task", "x"}}) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains("config/agent.yaml:3", "'memory.embedded-text' is 'bogus'")
                    .contains("one of signature, signature-and-errors, signature-errors-and-code, output")
                    .doesNotContain("Exception", "\tat ");
        }
        assertThat(backends.requests).isEmpty();
    }

    @Test
    void configShowListsTheMemoryKeysWithTheirOrigin() {
        cli.projectConfig("memory:\n  hybrid: false\n");
        cli.env.put("AGENT_MEMORY_WRITE_ATTEMPTS", "5");
        CliHarness.Result r = cli.run("config", "show");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines())
                .anySatisfy(line -> assertThat(line.split("\\s+"))
                        .containsExactly("memory.hybrid", "false", "project", "file", "config/agent.yaml:2"))
                .anySatisfy(line -> assertThat(line.split("\\s+"))
                        .containsExactly("memory.write-attempts", "5", "environment", "AGENT_MEMORY_WRITE_ATTEMPTS"))
                .anySatisfy(line -> assertThat(line.split("\\s+"))
                        .containsExactly("memory.embedded-text", "signature", "built-in", "default"))
                .anySatisfy(line -> assertThat(line.split("\\s+"))
                        .containsExactly("memory.replay-interval", "10s", "built-in", "default"))
                .anySatisfy(line -> assertThat(line.split("\\s+"))
                        .containsExactly("memory.fix-line-matching", "true", "built-in", "default"))
                .anySatisfy(line -> assertThat(line.split("\\s+"))
                        .containsExactly(
                                "memory.spool-file", "~/.agentloop/spool/<schema>.jsonl", "built-in", "default"));
    }

    @Test
    void configValidateRejectsASpoolFileThatIsAFolder() throws Exception {
        java.nio.file.Files.createDirectories(cli.projectDir.resolve("spool"));
        cli.projectConfig("memory:\n  spool-file: spool\n");
        CliHarness.Result r = cli.run("config", "validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("config/agent.yaml:2", "'memory.spool-file' is 'spool'", "folder");
    }

    @Test
    void solvedRunExitsZeroWithSummaryAndWhereTheCodeIs() {
        backends.events = (req, at) -> List.of(
                new TestsRun(req.task().id(), 1, at, TestOutcome.FAILED, 2, 1, 0, Duration.ofSeconds(1), ""),
                new MemoryHit(
                        req.task().id(),
                        1,
                        at,
                        List.of(new MemoryHit.Hit(
                                UUID.randomUUID(), UUID.randomUUID(), 0.87, true, "AssertionError: boom"))),
                new IterationFinished(
                        req.task().id(),
                        1,
                        at,
                        IterationOutcome.TESTS_FAILED,
                        120,
                        Duration.ofSeconds(3),
                        "2/3 tests passed"));
        CliHarness.Result r = cli.run("run", "--task", "Write slugify", "--max-iterations", "4");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("started (python, at most 4 iterations)")
                .contains("iteration 1/4: tests failed - 2/3 tests passed")
                .contains("memory hit: similarity 0.87")
                .contains("SOLVED after 1 iteration(s)", "1 memory hit(s)")
                .contains("code: /tmp/ws");
        assertThat(backends.requests).singleElement().satisfies(req -> {
            assertThat(req.config().integer("loop.max-iterations")).isEqualTo(4);
            assertThat(req.modelScript()).isEmpty();
        });
    }

    @Test
    void stoppedRunExitsOne() {
        backends.result = (req, at) -> new AgentResult.Stopped(
                req.task().id(),
                StopReason.ITERATION_LIMIT,
                "3 of 3 iterations",
                3,
                10,
                0,
                Duration.ofSeconds(5),
                Path.of("/w"));
        CliHarness.Result r = cli.run("run", "--task", "x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("STOPPED: iteration limit (3 of 3 iterations)");
    }

    @Test
    void failedRunBecauseAServiceWentAwayExitsThree() {
        backends.result = (req, at) -> new AgentResult.Failed(
                req.task().id(),
                "The model endpoint refused the connection.",
                new RuntimeException(new ConnectException("refused")),
                1,
                0,
                0,
                Duration.ZERO,
                Path.of("/w"));
        assertThat(cli.run("run", "--task", "x").exitCode()).isEqualTo(3);
    }

    @Test
    void failedRunBecauseOfABugExitsFour() {
        backends.result = (req, at) -> new AgentResult.Failed(
                req.task().id(), "boom", new IllegalStateException("bug"), 1, 0, 0, Duration.ZERO, Path.of("/w"));
        CliHarness.Result r = cli.run("run", "--task", "x");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.out()).contains("FAILED: boom");
    }

    @Test
    void cancelledRunExits130() {
        backends.result = (req, at) -> new AgentResult.Stopped(
                req.task().id(), StopReason.CANCELLED, "", 1, 0, 0, Duration.ZERO, Path.of("/w"));
        CliHarness.Result r = cli.run("run", "--task", "x");
        assertThat(r.exitCode()).isEqualTo(130);
        assertThat(r.out()).contains("CANCELLED");
    }

    @Test
    void unexpectedExceptionIsOneSentenceAndExitFour() {
        backends.failOnStart = new IllegalStateException("kaputt");
        CliHarness.Result r = cli.run("run", "--task", "x");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("internal error", "logs/agent.log").doesNotContain("\tat ");
    }

    @Test
    void jsonPrintsOnlyJsonLinesOnStdout() {
        backends.events = (req, at) -> List.of(new IterationFinished(
                req.task().id(), 1, at, IterationOutcome.PASSED, 10, Duration.ofSeconds(1), "3/3 tests passed"));
        CliHarness.Result r = cli.run("run", "--task", "x", "--json");
        assertThat(r.exitCode()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines)
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).startsWith("{\"type\":\"").endsWith("}"));
        assertThat(lines.get(0)).contains("\"type\":\"RunStarted\"");
        assertThat(lines.get(1)).contains("\"outcome\":\"passed\"", "\"elapsed\":1000");
        assertThat(lines.get(2)).contains("\"type\":\"RunFinished\"", "\"kind\":\"solved\"");
    }

    @Test
    void modeAndYesReachTheApprovalHandler() {
        cli.run("run", "--task", "x", "--mode", "autonomous");
        var request = new dev.agentloop.core.spi.ApprovalRequest(
                UUID.randomUUID(), dev.agentloop.core.spi.ApprovalKind.DEPENDENCY, "requests", "not on the allow-list");
        assertThat(backends.requests.get(0).approvals().decide(request).approved())
                .isFalse();
        cli.run("run", "--task", "x", "--yes");
        assertThat(backends.requests.get(1).approvals().decide(request).decidedBy())
                .isEqualTo("--yes");
    }

    @Test
    void runTestsGivesTheFilesToTheTaskAtTheirRelativePaths() {
        CliHarness.write(cli.projectDir.resolve("acceptance/test_dates.py"), "def test_a():\n    assert True\n");
        CliHarness.write(temp.resolve("elsewhere/test_more.py"), "def test_b():\n    assert True\n");
        CliHarness.Result r = cli.run(
                "run",
                "--task",
                "Write parse_date(text)",
                "--tests",
                "acceptance/test_dates.py",
                temp.resolve("elsewhere/test_more.py").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(backends.requests.get(0).task().tests().given())
                .containsOnlyKeys("acceptance/test_dates.py", "test_more.py")
                .containsEntry("acceptance/test_dates.py", "def test_a():\n    assert True\n");
    }

    @Test
    void runTestsRefusesAMissingOrEmptyFileOrTwoFilesForOnePlace() {
        CliHarness.Result missing = cli.run("run", "--task", "x", "--tests", "nowhere/test_x.py");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--tests nowhere/test_x.py: no such file.");
        CliHarness.write(cli.projectDir.resolve("test_empty.py"), "  \n");
        CliHarness.Result empty = cli.run("run", "--task", "x", "--tests", "test_empty.py");
        assertThat(empty.err()).contains("test_empty.py is empty");
        CliHarness.write(temp.resolve("a/test_same.py"), "def test_a(): pass\n");
        CliHarness.write(temp.resolve("b/test_same.py"), "def test_b(): pass\n");
        CliHarness.Result twice = cli.run(
                "run",
                "--task",
                "x",
                "--tests",
                temp.resolve("a/test_same.py").toString(),
                temp.resolve("b/test_same.py").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("would both be test_same.py");
        assertThat(backends.requests).isEmpty();
    }

    @Test
    void historyListsRunsAndFiltersByStatus() {
        cli.run("run", "--task", "Write a slugify function with tests");
        backends.result = (req, at) -> new AgentResult.Stopped(
                req.task().id(), StopReason.SAME_FAILURE_REPEATED, "", 3, 10, 0, Duration.ofSeconds(5), Path.of("/w"));
        cli.run("run", "--task", "Parse ISO dates");
        CliHarness.Result all = cli.run("history");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out())
                .contains(
                        "ID",
                        "TASK",
                        "STATUS",
                        "HITS",
                        "Write a slugify",
                        "Parse ISO dates",
                        "stopped: same failure repeated");
        CliHarness.Result stopped = cli.run("history", "--status", "stopped");
        assertThat(stopped.out()).contains("Parse ISO dates").doesNotContain("slugify");
        CliHarness.Result json = cli.run("history", "--json", "--limit", "1");
        assertThat(json.out().lines().toList())
                .singleElement()
                .satisfies(l -> assertThat(l).contains("\"status\":"));
    }

    @Test
    void historyCutsTheTaskToTheTerminalWidth() {
        cli.run("run", "--task", "x".repeat(300));
        cli.env.put("COLUMNS", "80");
        CliHarness.Result r = cli.run("history");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(r.out()).contains("…");
    }

    @Test
    void historyWithTheDatabaseDownExitsThreeNamingTheFix() {
        cli.backends = new dev.agentloop.cli.env.DefaultBackends(cli.env, cli.projectDir);
        cli.env.put("AGENT_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.closed() + "/agent");
        CliHarness.Result r = cli.run("history");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("not reachable", "scripts/provision", "docker compose up -d postgres");
    }

    @Test
    void showPrintsIterationsAndRejectsUnknownIds() {
        cli.run("run", "--task", "Write slugify");
        String id = backends.requests.get(0).task().id().toString();
        CliHarness.Result r = cli.run("show", id.substring(0, 8));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Task " + id, "Write slugify", "status solved");
        assertThat(cli.run("show", "ffffffff").exitCode()).isEqualTo(2);
        assertThat(cli.run("show", "ab").err()).contains("at least 4 characters");
    }

    @Test
    void doctorPrintsTheFixOfEachFailingCheckAndExitsThree() {
        backends.checks.add(
                DoctorCheck.of("database reachable", () -> DoctorCheck.Result.fail("refused", "scripts/provision")));
        backends.checks.add(
                DoctorCheck.of("Docker engine", () -> DoctorCheck.Result.ok("unix:///var/run/docker.sock")));
        CliHarness.Result r = cli.run("doctor");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out())
                .contains(
                        "ok    Java",
                        "ok    config",
                        "FAIL  database reachable: refused",
                        "fix: scripts/provision",
                        "ok    Docker engine");
    }

    @Test
    void doctorPassesWhenEverythingIsReady() {
        backends.checks.add(DoctorCheck.of("Docker engine", () -> DoctorCheck.Result.ok("up")));
        CliHarness.Result r = cli.run("doctor");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Ready.");
    }

    @Test
    void completionPrintsABashScriptAndInstallsIt() {
        CliHarness.Result r = cli.run("completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete -F", "_picocli_agent", "history", "--max-iterations");
        CliHarness.Result installed = cli.run("completion", "--install");
        assertThat(installed.exitCode()).isZero();
        assertThat(cli.home.resolve(".agentloop/agent-completion.bash")).exists();
    }

    @Test
    void memorySearchShowsSimilarity() {
        cli.run("run", "--task", "x");
        backends.memory.recordFailure(new dev.agentloop.core.spi.FailureRecord(
                UUID.randomUUID(),
                backends.requests.get(0).task().id(),
                1,
                "sig",
                "AssertionError",
                "expected 'a-b'",
                "test_slug",
                dev.agentloop.core.Language.PYTHON,
                "",
                "x",
                "",
                "",
                java.time.Instant.now()));
        CliHarness.Result r = cli.run("memory", "search", "AssertionError: expected 'a-b'");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("SIMILARITY", "0.90", "AssertionError: expected 'a-b'");
        assertThat(cli.run("memory", "stats").out()).contains("tasks");
    }

    @Test
    void memoryReindexShowsEachBuildsProgressAndPassesTheMemoryAndWorkers() {
        CliHarness.Result r = cli.run("memory", "reindex", "--memory", "2GiB", "--workers", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("failures_embedding_hnsw: building index: loading tuples 500/1,000 blocks (50%)")
                .contains("failures_embedding_hnsw: done 1,000/1,000 tuples (100%)");
        assertThat(r.out()).contains("Rebuilt failures_embedding_hnsw.");
        assertThat(backends.reindexSettings)
                .containsExactly(dev.agentloop.memory.IndexBuildSettings.ofDefaults()
                        .withMemoryBytes(2L << 30)
                        .withWorkers(1));
    }

    @Test
    void memoryReindexRefusesASizeItCannotReadOrTooLittleMemory() {
        CliHarness.Result unreadable = cli.run("memory", "reindex", "--memory", "lots");
        CliHarness.Result tiny = cli.run("memory", "reindex", "--memory", "1MiB");

        assertThat(unreadable.exitCode()).isEqualTo(2);
        assertThat(unreadable.err()).contains("--memory must be a size like 512MiB or 2GiB, was 'lots'.");
        assertThat(tiny.exitCode()).isEqualTo(2);
        assertThat(tiny.err()).contains("--memory must be at least 64MiB");
        assertThat(backends.reindexSettings).isEmpty();
    }
}
