package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.FakeBackends;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.git.testing.FakeGitHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent issue}, {@code agent run --issue}, {@code agent watch} and {@code agent audit} in-process with fake
 * backends (no database, no Docker) and the in-test GitHub server: the errors a person meets before any work, and
 * the audit listing.
 */
class GitHubCommandsTest {

    static final String TOKEN = "ghp_commandstest0123456789abcdefghij";

    @TempDir
    Path temp;

    FakeBackends backends;
    CliHarness cli;
    FakeGitHub github;
    Path bare;

    @BeforeEach
    void setUp() throws Exception {
        backends = new FakeBackends();
        cli = new CliHarness(temp, backends);
        Path seed = Files.createDirectories(temp.resolve("seed"));
        git(seed, "init", "-q", "-b", "main");
        Files.writeString(seed.resolve("words.py"), "def count_words(text):\n    return len(text.split())\n");
        git(seed, "add", "-A");
        git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "seed");
        bare = temp.resolve("textkit.git");
        git(temp, "clone", "-q", "--bare", seed.toString(), bare.toString());
        github = new FakeGitHub("octo", "textkit", "file://" + bare.toAbsolutePath());
        github.addIssue(7, "count_words is off by one", "It says 2 for 'a b c'.", "bug");
        cli.env.put("GITHUB_TOKEN", TOKEN);
        cli.env.put("AGENT_GITHUB_API_URL", github.endpoint());
        cli.env.put("AGENT_GITHUB_RETRY_WAIT", "10ms");
    }

    @AfterEach
    void tearDown() {
        github.close();
    }

    @Test
    void aMissingTokenIsRefusedWithTheVariablesNamedBeforeAnyWork() {
        cli.env.remove("GITHUB_TOKEN");

        for (String[] args : new String[][] {
            {"issue", "octo/textkit#7"},
            {"run", "--issue", "https://github.com/octo/textkit/issues/7"},
            {"watch", "octo/textkit", "--once"}
        }) {
            CliHarness.Result r = cli.run(args);

            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .startsWith("agent: No GitHub token: set GITHUB_TOKEN (or AGENT_GITHUB_TOKEN)");
        }
        assertThat(github.requests()).isEmpty();
        assertThat(backends.requests).isEmpty();
        assertThat(backends.audit.list(Optional.empty(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void aRepositoryOutsideTheAllowListIsRefusedAndRecordedBeforeGitHubIsAsked() {
        cli.projectConfig("github:\n  allowed-repos: [\"acme/*\", octo/widgets]\n");

        CliHarness.Result issue = cli.run("issue", "octo/textkit#7");
        CliHarness.Result watch = cli.run("watch", "octo/textkit", "--once");

        assertThat(issue.exitCode()).isEqualTo(2);
        assertThat(issue.err())
                .contains("agent: The repository octo/textkit is not in github.allowed-repos (acme/*, octo/widgets);"
                        + " add it there to let the agent work on it.");
        assertThat(watch.exitCode()).isEqualTo(2);
        assertThat(github.requests()).isEmpty();
        assertThat(backends.audit.list(Optional.empty(), Optional.empty(), 10))
                .extracting(e -> e.action() + " " + e.target() + " " + e.result())
                .containsExactly("ISSUE_READ issue 7 REFUSED", "ISSUE_READ watch REFUSED");
    }

    @Test
    void queueModeWithoutItsDatabaseStopsBeforeGitHubIsAskedAnything() {
        github.addIssue(8, "count_words is off by one", "", "bot-approved");

        CliHarness.Result watch = cli.run("watch", "octo/textkit", "--once", "--queue");
        cli.projectConfig("github:\n  runs: queue\n");
        CliHarness.Result watchByConfig = cli.run("watch", "octo/textkit", "--once");

        for (CliHarness.Result r : List.of(watch, watchByConfig)) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
            assertThat(r.err())
                    .contains("github.runs is queue, but the fake backends have no queue; nothing was claimed.");
        }
        assertThat(github.requests()).isEmpty();
        assertThat(github.issues.get(8).assignees).isEmpty();
        assertThat(backends.requests).isEmpty();
    }

    @Test
    void aModelScriptDoesNotGoWithTheQueue() {
        CliHarness.Result issue = cli.run("issue", "octo/textkit#7", "--queue", "--model-script", "script.json");
        CliHarness.Result watch =
                cli.run("watch", "octo/textkit", "--once", "--queue", "--model-script", "script.json");

        for (CliHarness.Result r : List.of(issue, watch)) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err())
                    .contains("with github.runs: queue (--queue)")
                    .contains("start agent serve with --model-script");
        }
        assertThat(github.requests()).isEmpty();
        assertThat(backends.requests).isEmpty();
    }

    @Test
    void anUnknownIssueAndABadReferenceAreUsageErrors() {
        CliHarness.Result missing = cli.run("issue", "octo/textkit#99");
        CliHarness.Result bad = cli.run("issue", "octo/textkit");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Cannot read the issue octo/textkit#99: GitHub answered 404");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'octo/textkit' names no issue: give OWNER/REPO#N");
        assertThat(backends.requests).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsAnEnvironmentErrorNamingTheSetting() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        cli.env.put("AGENT_GITHUB_API_URL", "http://127.0.0.1:" + closedPort);

        CliHarness.Result r = cli.run("issue", "octo/textkit#7");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err())
                .contains("GitHub's API at http://127.0.0.1:" + closedPort + " cannot be reached")
                .contains("check github.api-url and the network")
                .doesNotContain(TOKEN);
    }

    @Test
    void aRateLimitRefusalIsWaitedOutAndReported() {
        github.rateLimitNext(2);

        CliHarness.Result r = cli.run("issue", "octo/textkit#7");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("GitHub's rate limit (HTTP 403): retry 1/5 in 10 ms")
                .contains("GitHub's rate limit (HTTP 403): retry 2/5 in 20 ms")
                .contains("issue octo/textkit#7: count_words is off by one [bug]");
    }

    @Test
    void anUnsolvedIssueIsCommentedOnAndExitsOne() {
        backends.result = (request, at) -> new AgentResult.Stopped(
                request.task().id(),
                StopReason.ITERATION_LIMIT,
                "10 iterations",
                10,
                5000,
                0.02,
                Duration.ofMinutes(3),
                Path.of("/tmp/ws"));

        CliHarness.Result r = cli.run("issue", "octo/textkit#7");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(backends.requests).singleElement().satisfies(req -> {
            assertThat(req.task().text()).startsWith("count_words is off by one\n\nIt says 2 for 'a b c'.");
            assertThat(req.task().source()).isPresent();
        });
        assertThat(github.issues.get(7).commentTexts())
                .singleElement()
                .asString()
                .startsWith("agentloop could not solve this issue: the run stopped (iteration limit) after 10");
        assertThat(github.pulls).isEmpty();
        assertThat(backends.audit.list(Optional.empty(), Optional.empty(), 10))
                .extracting(e -> e.action() + " " + e.result())
                .containsExactly("ISSUE_READ OK", "RUN FAILED", "COMMENT OK");
    }

    @Test
    void auditListsTheTrailAsATableOrJsonByRepositoryAndSince() {
        Instant t0 = Instant.parse("2025-01-01T09:00:00Z");
        backends.audit.record(new AuditEntry(
                t0, "agentbot", AuditAction.CLAIM, "octo/textkit", "issue 7", AuditResult.OK, "claimed"));
        backends.audit.record(new AuditEntry(
                t0.plusSeconds(60),
                "agentbot",
                AuditAction.RUN,
                "octo/textkit",
                "issue 7",
                AuditResult.OK,
                "solved in 1 iteration(s)",
                0.0125));
        backends.audit.record(new AuditEntry(
                t0.plusSeconds(120), "agentbot", AuditAction.MERGE, "octo/other", "pull 3", AuditResult.FAILED, "405"));

        CliHarness.Result table = cli.run("audit", "--repo", "octo/textkit");
        CliHarness.Result json = cli.run("audit", "--since", "2025-01-01T09:01:00Z", "--json");
        CliHarness.Result ago = cli.run("audit", "--since", "59m"); // the harness's clock is 10:00:05
        CliHarness.Result bad = cli.run("audit", "--since", "yesterday");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().toList())
                .hasSize(3)
                .first()
                .asString()
                .startsWith("WHEN (UTC)           ACTOR     ACTION  REPOSITORY    TARGET   RESULT  COST    DETAIL");
        assertThat(table.out())
                .contains("2025-01-01 09:00:00  agentbot  claim   octo/textkit  issue 7  ok              claimed")
                .contains("2025-01-01 09:01:00  agentbot  run     octo/textkit  issue 7  ok      0.0125  solved")
                .doesNotContain("octo/other");
        assertThat(json.out().lines().toList())
                .containsExactly(
                        "{\"at\":\"2025-01-01T09:01:00Z\",\"actor\":\"agentbot\",\"action\":\"run\",\"repository\":"
                                + "\"octo/textkit\",\"target\":\"issue 7\",\"result\":\"ok\",\"cost\":0.0125,"
                                + "\"detail\":\"solved in 1 iteration(s)\"}",
                        "{\"at\":\"2025-01-01T09:02:00Z\",\"actor\":\"agentbot\",\"action\":\"merge\",\"repository\":"
                                + "\"octo/other\",\"target\":\"pull 3\",\"result\":\"failed\",\"cost\":0.0,"
                                + "\"detail\":\"405\"}");
        assertThat(ago.out()).contains("merge").doesNotContain("claim");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--since yesterday: give a date (2026-03-01)");
    }

    @Test
    void badWatchOptionsAndIssueWithATaskAreUsageErrors() {
        assertThat(cli.run("watch", "octo/textkit", "--interval", "0s").err())
                .contains("--interval 0s: give a" + " duration of at least 1s");
        assertThat(cli.run("watch", "octo/textkit", "--max-concurrent", "0").err())
                .contains("--max-concurrent must be in 1..16, was 0.");
        assertThat(cli.run("watch", "octo", "--once").err()).contains("'octo' is not a repository name");
        CliHarness.Result both = cli.run("run", "--issue", "octo/textkit#7", "--task", "x");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--issue takes the task and the repository from the issue");
        CliHarness.Result approval = cli.run("issue", "octo/textkit#7", "--approve", "everything");
        assertThat(approval.exitCode()).isEqualTo(2);
        assertThat(approval.err()).contains("--approve everything: unknown approval; use merge, dependency or schema.");
        assertThat(github.requests()).isEmpty();
    }

    @Test
    void theTokenIsASecretOfTheEnvironmentOnly() {
        CliHarness.Result show = cli.run("config", "show");
        assertThat(show.exitCode()).isZero();
        assertThat(show.out()).contains("github.token").doesNotContain(TOKEN);

        cli.projectConfig("github:\n  token: ghp_fromafile0123456789\n");
        CliHarness.Result fromFile = cli.run("issue", "octo/textkit#7");
        assertThat(fromFile.exitCode()).isEqualTo(2);
        assertThat(fromFile.err()).contains("github.token").doesNotContain("ghp_fromafile");
    }

    @Test
    void helpListsTheGitHubCommandsWithExamples() {
        for (String command : List.of("issue", "watch", "audit")) {
            CliHarness.Result r = cli.run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: agent " + command, "Examples:");
        }
        assertThat(cli.run("--help").out()).contains("issue", "watch", "audit");
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}
