package dev.agentloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentloop.cli.env.DefaultBackends;
import dev.agentloop.cli.support.CliHarness;
import dev.agentloop.cli.support.Services;
import dev.agentloop.git.testing.FakeGitHub;
import dev.agentloop.server.AgentServer;
import dev.agentloop.server.ApiTokens;
import dev.agentloop.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From a GitHub issue to a pull request through the CLI: the in-test GitHub server, a local bare repository as the
 * remote (its {@code file://} address is the repository's clone URL), the scripted model acting through tool calls,
 * the real Docker sandbox and the pgvector memory (whose schema also holds the audit trail).
 */
class GitHubIssueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUG = "return len(text.split()) - 1";
    private static final String FIX = "return len(text.split())";
    private static final String BRANCH_7 = "agentloop/issue-7-count-words-is-off-by-one";

    /** A fresh token per run: it must appear nowhere but in the requests' Authorization header. */
    private final String token = "ghp_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(18));

    @TempDir
    Path temp;

    String schema;
    Path bare;
    FakeGitHub github;
    Map<String, String> env;
    Path home;
    final List<String> outputs = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Services.require();
        schema = "cli_gh_" + UUID.randomUUID().toString().substring(0, 8);
        Path seed = Files.createDirectories(temp.resolve("seed"));
        write(
                seed,
                "pyproject.toml",
                "[project]\nname = \"textkit\"\nversion = \"0.1\"\n\n[tool.pytest.ini_options]\n"
                        + "testpaths = [\"tests\"]\n");
        write(seed, "textkit/__init__.py", "from .words import count_words, title_case\n");
        write(
                seed,
                "textkit/words.py",
                "def count_words(text):\n    \"\"\"Number of whitespace-separated words.\"\"\"\n    " + BUG
                        + "\n\n\ndef title_case(text):\n    return \" \".join(w.capitalize() for w in text.split())\n");
        write(
                seed,
                "tests/test_words.py",
                "from textkit import count_words, title_case\n\n\ndef test_count_words():\n"
                        + "    assert count_words(\"a b c\") == 3\n\n\ndef test_count_empty():\n"
                        + "    assert count_words(\"\") == 0\n\n\ndef test_title_case():\n"
                        + "    assert title_case(\"hello world\") == \"Hello World\"\n");
        git(seed, "init", "-q", "-b", "main");
        git(seed, "add", "-A");
        git(seed, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "textkit 0.1");
        bare = temp.resolve("textkit.git");
        git(temp, "clone", "-q", "--bare", seed.toString(), bare.toString());
        github = new FakeGitHub("octo", "textkit", "file://" + bare.toAbsolutePath()).mergingIn(bare);
        home = Files.createDirectories(temp.resolve("home"));
        env = Services.env(Map.of(
                "AGENT_DATABASE_SCHEMA",
                schema,
                "AGENT_WORKSPACE",
                temp.resolve("ws").toString(),
                "GITHUB_TOKEN",
                token,
                "AGENT_GITHUB_API_URL",
                github.endpoint(),
                "AGENT_GITHUB_RETRY_WAIT",
                "10ms"));
        env.remove("AGENT_GITHUB_TOKEN");
    }

    @AfterEach
    void tearDown() {
        if (github != null) {
            github.close();
        }
        if (schema != null) {
            Services.dropSchema(schema);
        }
    }

    @Test
    void anIssueBecomesAPushedBranchAPullRequestWithItsReportACommentAndAuditRows() throws Exception {
        FakeGitHub.Issue issue =
                github.addIssue(7, "count_words is off by one", "count_words(\"a b c\") returns 2, not 3.", "bug");
        issue.comments.add(new String[] {"alice", "The empty string should still give 0."});
        String mainBefore = git(bare, "rev-parse", "main").strip();
        github.rateLimitNext(1);

        CliHarness.Result run = agent(
                "issue", "octo/textkit#7", "--model-script", fixingScript().toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("GitHub's rate limit (HTTP 403): retry 1/5 in 10 ms")
                .contains("issue octo/textkit#7: count_words is off by one [bug]")
                .contains("baseline: 1 passed, 2 failing")
                .contains("coder replace_text textkit/words.py (applied)")
                .contains("SOLVED")
                .contains("risk: low (a small change (2 lines) inside existing functions)")
                .contains("pushed " + BRANCH_7)
                .contains("pull request: https://github.test/octo/textkit/pull/100")
                .contains("merge policy (manual mode): left open for a person");

        // the branch is in the remote, on top of its main, with the fix; main itself is untouched
        String pushed = git(bare, "rev-parse", "refs/heads/" + BRANCH_7).strip();
        assertThat(git(bare, "rev-parse", pushed + "^").strip()).isEqualTo(mainBefore);
        assertThat(git(bare, "show", pushed + ":textkit/words.py"))
                .contains(FIX)
                .doesNotContain(BUG);
        assertThat(git(bare, "rev-parse", "main").strip()).isEqualTo(mainBefore);

        FakeGitHub.Pull pr = github.pullFrom(BRANCH_7).orElseThrow();
        assertThat(pr.number).isEqualTo(100);
        assertThat(pr.base).isEqualTo("main");
        assertThat(pr.merged).isFalse();
        assertThat(pr.body)
                .startsWith("Fixes #7\n\n## Summary\n\nagentloop worked on #7 (count_words is off by one) and solved it"
                        + " in 1 iteration(s): the project's tests went from 1 passed, 2 failing to 3/3 passed.")
                .contains("## Plan\n\n```\nApproach: Work on the existing project")
                .contains("## Files changed\n\n- `textkit/words.py`\n")
                .contains("textkit/words.py | 2 +-")
                .contains("## Tests\n\n- before: 1 passed, 2 failing\n- after: 3/3 passed\n")
                .contains("## Failures met\n\nnone\n")
                .contains("## Memory hits used\n\nnone\n")
                .containsPattern("## Tokens and cost\n\n[0-9,]+ tokens, cost 0\\.0000")
                .contains("## Risk: low\n\n- a small change (2 lines) inside existing functions\n")
                .contains("## Merge policy (manual mode): left open for a person\n\n- tests pass\n");
        assertThat(github.issues.get(7).commentTexts())
                .last()
                .asString()
                .isEqualTo("agentloop opened https://github.test/octo/textkit/pull/100 for this issue (risk low;"
                        + " manual mode: left open for a person).");

        CliHarness.Result audit = agent("audit", "--repo", "octo/textkit", "--json");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        List<JsonNode> rows = audit.out().lines().map(GitHubIssueIT::json).toList();
        assertThat(rows)
                .extracting(r -> r.path("action").asText() + " "
                        + r.path("target").asText() + " " + r.path("result").asText())
                .containsExactly(
                        "issue-read issue 7 ok",
                        "run issue 7 ok",
                        "push branch " + BRANCH_7 + " ok",
                        "pull-request pull 100 ok",
                        "comment issue 7 ok",
                        "policy-decision pull 100 refused");
        assertThat(rows).allMatch(r -> r.path("actor").asText().equals("agentbot"));
        assertThat(rows.get(3).path("detail").asText()).isEqualTo("https://github.test/octo/textkit/pull/100");
        assertThat(rows.get(5).path("detail").asText())
                .isEqualTo("manual: tests pass; no secret in the diff; risk low; manual mode: a person merges");
        CliHarness.Result table = agent("audit");
        assertThat(table.out()).contains("pull-request", "octo/textkit", "policy-decision");
        // the run and its audit listing, for the test's report
        System.out.println("$ agent issue octo/textkit#7 --model-script <script>\n" + run.out() + run.err()
                + "\n$ agent audit\n" + table.out() + "\npull request #100:\n" + pr.body);

        assertTokenNowhere();
    }

    @Test
    void watchClaimsALabelledIssueOnceAcrossTwoStarts() throws Exception {
        github.addIssue(8, "count_words is off by one", "", "bot-approved");
        github.addIssue(9, "rewrite everything", "", "bot-approved", "wontfix");
        github.addIssue(10, "not labelled", "");

        CliHarness.Result first = agent(
                "watch",
                "octo/textkit",
                "--labels",
                "bot-approved",
                "--once",
                "--model-script",
                fixingScript().toString());
        CliHarness.Result second = agent(
                "watch",
                "octo/textkit",
                "--labels",
                "bot-approved",
                "--once",
                "--model-script",
                fixingScript().toString());

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out())
                .contains("claimed octo/textkit#8: count_words is off by one")
                .contains("octo/textkit#8: left open (https://github.test/octo/textkit/pull/100)")
                .contains("claimed 1 issue(s)");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("claimed 0 issue(s)").doesNotContain("claimed octo/textkit#8");

        assertThat(github.issues.get(8).assignees).containsExactly("agentbot");
        assertThat(github.issues.get(8).commentTexts())
                .filteredOn(c -> c.startsWith("agentloop is working on this issue"))
                .hasSize(1);
        assertThat(github.pulls).hasSize(1);
        assertThat(git(bare, "rev-parse", "--verify", "-q", "refs/heads/agentloop/issue-8-count-words-is-off-by-one"))
                .isNotBlank();
        for (int untouched : List.of(9, 10)) {
            assertThat(github.issues.get(untouched).assignees)
                    .as("issue " + untouched)
                    .isEmpty();
            assertThat(github.issues.get(untouched).comments)
                    .as("issue " + untouched)
                    .isEmpty();
        }
        List<JsonNode> claims = agent("audit", "--json")
                .out()
                .lines()
                .map(GitHubIssueIT::json)
                .filter(r -> r.path("action").asText().equals("claim"))
                .toList();
        assertThat(claims).singleElement().satisfies(c -> {
            assertThat(c.path("target").asText()).isEqualTo("issue 8");
            assertThat(c.path("result").asText()).isEqualTo("ok");
        });
        assertTokenNowhere();
    }

    @Test
    void autonomousModeMergesALowRiskChangeAndLeavesAHighRiskOneForAPerson() throws Exception {
        github.addIssue(11, "count_words should split on a given separator", "Add a sep parameter.");
        github.addIssue(12, "count_words is off by one", "");
        String mainBefore = git(bare, "rev-parse", "main").strip();

        CliHarness.Result high = agent(
                "issue",
                "octo/textkit#11",
                "--merge-mode",
                "autonomous",
                "--model-script",
                script(List.of(
                                toolCall(
                                        "replace_text",
                                        Map.of(
                                                "path",
                                                "textkit/words.py",
                                                "search",
                                                "def count_words(text):",
                                                "replace",
                                                "def count_words(text, sep=None):")),
                                toolCall(
                                        "replace_text",
                                        Map.of(
                                                "path",
                                                "textkit/words.py",
                                                "search",
                                                BUG,
                                                "replace",
                                                "return len(text.split(sep))")),
                                answer("count_words takes a separator")))
                        .toString());

        assertThat(high.exitCode()).as(high.out() + high.err()).isZero();
        assertThat(high.out())
                .contains("risk: high (changes the public signature of count_words in textkit/words.py)")
                .contains("merge policy (autonomous mode): left open for a person")
                .contains("  - autonomous mode: only low risk merges");
        String highBranch = "agentloop/issue-11-count-words-should-split-on-a-given";
        FakeGitHub.Pull highPr = github.pullFrom(highBranch).orElseThrow();
        assertThat(highPr.merged).isFalse();
        assertThat(highPr.body).contains("## Risk: high");
        assertThat(git(bare, "rev-parse", "main").strip()).isEqualTo(mainBefore);

        synchronized (github) {
            github.statuses.add(new String[] {"ci/tests", "success"});
        }
        CliHarness.Result low = agent(
                "issue",
                "octo/textkit#12",
                "--merge-mode",
                "autonomous",
                "--model-script",
                fixingScript().toString());

        assertThat(low.exitCode()).as(low.out() + low.err()).isZero();
        assertThat(low.out())
                .contains("waiting for GitHub's checks of https://github.test/octo/textkit/pull/101")
                .contains("merge policy (autonomous mode): merge")
                .containsPattern("  - GitHub's checks pass on [0-9a-f]{7} \\(ci/tests: success\\)")
                .contains("merged https://github.test/octo/textkit/pull/");
        String lowBranch = "agentloop/issue-12-count-words-is-off-by-one";
        assertThat(github.pullFrom(lowBranch).orElseThrow().merged).isTrue();
        String merged = git(bare, "rev-parse", "main").strip();
        assertThat(merged)
                .isEqualTo(git(bare, "rev-parse", "refs/heads/" + lowBranch).strip());
        assertThat(git(bare, "show", "main:textkit/words.py")).contains(FIX);
        assertThat(github.pullFrom(highBranch).orElseThrow().merged).isFalse();

        List<String> decisions = agent("audit", "--json")
                .out()
                .lines()
                .map(GitHubIssueIT::json)
                .filter(r -> Stream.of("policy-decision", "merge")
                        .anyMatch(a -> a.equals(r.path("action").asText())))
                .map(r -> r.path("action").asText() + " " + r.path("result").asText())
                .toList();
        assertThat(decisions).containsExactly("policy-decision refused", "policy-decision ok", "merge ok");
        assertTokenNowhere();
    }

    @Test
    void supervisedModeMergesOnceAPersonApprovesThroughTheServersApprovalsApi() throws Exception {
        github.addIssue(13, "count_words is off by one", "");
        String branch = "agentloop/issue-13-count-words-is-off-by-one";
        String mainBefore = git(bare, "rev-parse", "main").strip();
        migrateMemory();
        try (ApprovalsServer server = ApprovalsServer.start(schema)) {
            CompletableFuture<CliHarness.Result> run = supervisedRunThroughTheServer(13);

            JsonNode pending = server.awaitPending(run);
            assertThat(pending.path("kind").asText()).isEqualTo("merge");
            assertThat(pending.path("subject").asText()).isEqualTo("https://github.test/octo/textkit/pull/100");
            assertThat(pending.path("reason").asText())
                    .contains("octo/textkit#13", "risk low", "approving grants: merge");
            assertThat(pending.has("task_id"))
                    .as("a merge is no task of the queue")
                    .isFalse();
            assertThat(github.pullFrom(branch).orElseThrow().merged)
                    .as("nothing is merged before the approval")
                    .isFalse();

            JsonNode decided = server.decide(pending, "{\"decision\": \"approve\", \"note\": \"looks right\"}");
            assertThat(decided.path("status").asText()).isEqualTo("approved");
            assertThat(decided.path("decided_by").asText()).isEqualTo("reviewer");

            CliHarness.Result result = run.get(5, TimeUnit.MINUTES);
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.out())
                    .contains("waiting for a person to approve the merge of https://github.test/octo/textkit/pull/100"
                            + " through agent serve's approvals")
                    .contains("merge policy (supervised mode): merge")
                    .contains("merged https://github.test/octo/textkit/pull/100");
        }
        FakeGitHub.Pull pr = github.pullFrom(branch).orElseThrow();
        assertThat(pr.merged).isTrue();
        assertThat(git(bare, "rev-parse", "main").strip())
                .isNotEqualTo(mainBefore)
                .isEqualTo(git(bare, "rev-parse", "refs/heads/" + branch).strip());
        assertThat(pr.comments)
                .singleElement()
                .asString()
                .startsWith("Approved by reviewer (merge): looks right. Merge policy: merge.")
                .contains("- supervised mode: merge approved");
        List<String> rows = auditRows();
        assertThat(rows)
                .containsSubsequence(
                        "reviewer approval pull 100 ok approved merge: looks right",
                        "agentbot merge pull 100 ok https://github.test/octo/textkit/pull/100");
        assertThat(rows).anyMatch(r -> r.startsWith("agentbot policy-decision pull 100 ok supervised: "));
        assertTokenNowhere();
    }

    @Test
    void supervisedModeLeavesThePullRequestOpenWhenAPersonDeniesThroughTheServersApprovalsApi() throws Exception {
        github.addIssue(14, "count_words is off by one", "");
        String branch = "agentloop/issue-14-count-words-is-off-by-one";
        String mainBefore = git(bare, "rev-parse", "main").strip();
        migrateMemory();
        try (ApprovalsServer server = ApprovalsServer.start(schema)) {
            CompletableFuture<CliHarness.Result> run = supervisedRunThroughTheServer(14);

            JsonNode pending = server.awaitPending(run);
            JsonNode decided = server.decide(pending, "{\"decision\": \"deny\", \"note\": \"not before the release\"}");
            assertThat(decided.path("status").asText()).isEqualTo("denied");

            CliHarness.Result result = run.get(5, TimeUnit.MINUTES);
            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.out())
                    .contains("merge policy (supervised mode): left open for a person")
                    .contains("  - merge denied by reviewer: not before the release")
                    .doesNotContain("merged https://");
            assertThat(server.pendingItems()).as("the decision is taken once").isEmpty();
        }
        FakeGitHub.Pull pr = github.pullFrom(branch).orElseThrow();
        assertThat(pr.merged).isFalse();
        assertThat(git(bare, "rev-parse", "main").strip()).isEqualTo(mainBefore);
        assertThat(pr.comments)
                .containsExactly(
                        "Denied by reviewer: not before the release. The pull request is left open for a person.");
        List<String> rows = auditRows();
        assertThat(rows)
                .contains("reviewer approval pull 100 refused denied merge: not before the release")
                .noneMatch(r -> r.startsWith("agentbot merge "));
        assertThat(rows)
                .anyMatch(r -> r.startsWith("agentbot policy-decision pull 100 refused supervised: ")
                        && r.endsWith("merge denied by reviewer: not before the release"));
        assertTokenNowhere();
    }

    @Test
    void watchInQueueModeHandsTheIssueToAWorkerOfAgentServeAndOpensThePullRequestFromItsResult() throws Exception {
        github.addIssue(15, "count_words is off by one", "count_words(\"a b c\") returns 2, not 3.", "bot-approved");
        String mainBefore = git(bare, "rev-parse", "main").strip();
        String branch = "agentloop/issue-15-count-words-is-off-by-one";
        migrateMemory();
        CliHarness.Result watch;
        JsonNode listed;
        try (ServeProcess serve = ServeProcess.start(temp, env, schema, fixingScript())) {
            watch = agent("watch", "octo/textkit", "--labels", "bot-approved", "--once", "--queue");
            listed = serve.tasks();
            System.out.println("$ agent serve --model-script <script> (log)\n" + serve.output());
        }

        assertThat(watch.exitCode()).as(watch.out() + watch.err()).isZero();
        // the task as agent serve lists it: submitted by the watcher, run by the server's worker, solved
        assertThat(listed.path("total").asInt()).isEqualTo(1);
        JsonNode task = listed.path("items").get(0);
        String id = task.path("id").asText();
        assertThat(task.path("status").asText()).isEqualTo("solved");
        assertThat(task.path("title").asText()).isEqualTo("count_words is off by one");
        try (Connection c = Services.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT submitted_by, worker, submission->>'repo', submission->>'base'"
                        + " FROM " + schema + ".server_tasks WHERE id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("agent-watch");
            assertThat(rs.getString(2)).isEqualTo("queue-worker");
            assertThat(rs.getString(3)).isEqualTo("file://" + bare.toAbsolutePath());
            assertThat(rs.getString(4)).isEqualTo(mainBefore);
        }
        assertThat(watch.out())
                .contains("claimed octo/textkit#15: count_words is off by one")
                .contains("octo/textkit#15: queued as task " + id + " at " + mainBefore.substring(0, 12))
                .contains("octo/textkit#15: task " + id.substring(0, 8) + " running on queue-worker (attempt 1)")
                .contains("octo/textkit#15: task " + id.substring(0, 8) + " solved after 1 iteration(s)")
                .contains("risk: low (a small change (2 lines) inside existing functions)")
                .contains("pushed " + branch)
                .contains("octo/textkit#15: left open (https://github.test/octo/textkit/pull/100)")
                .contains("claimed 1 issue(s)")
                .doesNotContain("SOLVED after"); // no run in this process

        // the branch in the remote: one commit on its main with the worker's fix
        String pushed = git(bare, "rev-parse", "refs/heads/" + branch).strip();
        assertThat(git(bare, "rev-parse", pushed + "^").strip()).isEqualTo(mainBefore);
        assertThat(git(bare, "show", pushed + ":textkit/words.py"))
                .contains(FIX)
                .doesNotContain(BUG);
        assertThat(git(bare, "rev-parse", "main").strip()).isEqualTo(mainBefore);

        FakeGitHub.Pull pr = github.pullFrom(branch).orElseThrow();
        assertThat(pr.merged).isFalse();
        assertThat(pr.body)
                .startsWith("Fixes #15\n\n## Summary\n\nagentloop worked on #15 (count_words is off by one) and solved"
                        + " it in 1 iteration(s): the project's tests went from 1 passed, 2 failing to 3/3 passed.")
                .contains("## Plan\n\n```\nApproach: Work on the existing project")
                .contains("## Files changed\n\n- `textkit/words.py`\n")
                .contains("textkit/words.py | 2 +-")
                .contains("## Tests\n\n- before: 1 passed, 2 failing\n- after: 3/3 passed\n")
                .contains("## Failures met\n\nnone\n")
                .containsPattern("## Tokens and cost\n\n[1-9][0-9,]* tokens, cost 0\\.0000")
                .contains("## Risk: low\n\n- a small change (2 lines) inside existing functions\n")
                .contains("## Merge policy (manual mode): left open for a person\n\n- tests pass\n");

        List<String> rows = auditRows();
        assertThat(rows)
                .extracting(r ->
                        String.join(" ", java.util.Arrays.asList(r.split(" ")).subList(0, 5)))
                .containsExactly(
                        "agentbot claim issue 15 ok",
                        "agentbot issue-read issue 15 ok",
                        "agentbot run issue 15 ok",
                        "agentbot push branch " + branch + " ok",
                        "agentbot pull-request pull 100 ok",
                        "agentbot comment issue 15 ok",
                        "agentbot policy-decision pull 100 refused");
        assertThat(rows)
                .contains("agentbot push branch " + branch + " ok " + pushed)
                .contains("agentbot policy-decision pull 100 refused manual: tests pass; no secret in the diff; risk"
                        + " low; manual mode: a person merges");
        assertThat(rows)
                .filteredOn(r -> r.startsWith("agentbot run issue 15 "))
                .singleElement()
                .asString()
                .startsWith("agentbot run issue 15 ok solved in 1 iteration(s), ")
                .endsWith("; queued task " + id);
        CliHarness.Result table = agent("audit");
        System.out.println("$ agent watch octo/textkit --labels bot-approved --once --queue\n" + watch.out()
                + watch.err() + "\n$ agent audit\n" + table.out() + "\npull request #100:\n" + pr.body);
        assertTokenNowhere();
    }

    @Test
    void watchInQueueModeWithoutAReachableDatabaseSaysSoBeforeClaimingAnything() {
        github.addIssue(16, "count_words is off by one", "", "bot-approved");
        env.put("AGENT_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/agent");

        CliHarness.Result watch = agent("watch", "octo/textkit", "--once", "--queue");

        assertThat(watch.exitCode()).as(watch.out() + watch.err()).isEqualTo(3);
        assertThat(watch.err())
                .contains("Issues go to agent serve's queue (github.runs: queue), which lives in the memory's database:"
                        + " the failure-memory database at 127.0.0.1:1 is not reachable")
                .contains("or run the issues in this process (github.runs: local)");
        assertThat(github.issues.get(16).assignees).isEmpty();
        assertThat(github.issues.get(16).comments).isEmpty();
    }

    // --- helpers

    /** The memory's tables, made before the server's, as {@code agent serve} makes them. */
    private void migrateMemory() {
        CliHarness.Result migrated = agent("memory", "migrate");
        assertThat(migrated.exitCode()).as(migrated.out() + migrated.err()).isZero();
    }

    /** {@code agent issue N --merge-mode supervised} with {@code github.approvals: server}, on another thread. */
    private CompletableFuture<CliHarness.Result> supervisedRunThroughTheServer(int issue) throws Exception {
        env.put("AGENT_GITHUB_APPROVALS", "server");
        String script = fixingScript().toString();
        return CompletableFuture.supplyAsync(
                () -> agent("issue", "octo/textkit#" + issue, "--merge-mode", "supervised", "--model-script", script));
    }

    /** The audit trail as {@code actor action target result detail} lines, oldest first. */
    private List<String> auditRows() {
        return agent("audit", "--json")
                .out()
                .lines()
                .map(GitHubIssueIT::json)
                .map(r -> r.path("actor").asText() + " " + r.path("action").asText() + " "
                        + r.path("target").asText() + " " + r.path("result").asText() + " "
                        + r.path("detail").asText())
                .toList();
    }

    /**
     * {@code agent serve} in a process of its own (as on another machine): one worker named {@code queue-worker}, the
     * scripted model, the real Docker sandbox, the test's schema, the bare repository's folder as an accepted
     * repository root, its own workspace and home (its clone cache), and no GitHub token.
     */
    private static final class ServeProcess implements AutoCloseable {
        private static final java.util.regex.Pattern LISTENING =
                java.util.regex.Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        private final String apiToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        private final HttpClient http = HttpClient.newHttpClient();
        private final Path log;
        private Process process;
        private int port;

        private ServeProcess(Path log) {
            this.log = log;
        }

        static ServeProcess start(Path temp, Map<String, String> env, String schema, Path script) throws Exception {
            Path project = Path.of("..").toAbsolutePath().normalize();
            // agent serve takes a scenario: the script with the task's language beside it
            Path scenario = Files.createDirectories(temp.resolve("serve-scenario"));
            Files.copy(script, scenario.resolve("model.json"));
            Files.writeString(
                    scenario.resolve("scenario.yaml"),
                    "title: an issue's run\ntask: the issue's text\nlanguage: python\nscript: model.json\n");
            ServeProcess s = new ServeProcess(temp.resolve("serve.out"));
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "-Dagent.log.dir=" + Files.createDirectories(temp.resolve("serve-logs")),
                            "-Duser.home=" + Files.createDirectories(temp.resolve("serve-home")),
                            "-Xmx512m",
                            "dev.agentloop.cli.Main",
                            "serve",
                            "--port",
                            "0",
                            "--workers",
                            "1",
                            "--worker-name",
                            "queue-worker",
                            "--model-script",
                            scenario.toString())
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(s.log.toFile());
            Map<String, String> penv = pb.environment();
            penv.clear();
            penv.putAll(env);
            penv.remove("GITHUB_TOKEN");
            penv.remove("AGENT_GITHUB_TOKEN");
            penv.put("AGENT_HOME", project.toString());
            penv.put("AGENT_DATABASE_SCHEMA", schema);
            penv.put("AGENT_WORKSPACE", temp.resolve("serve-ws").toString());
            penv.put(
                    "AGENT_MEMORY_SPOOL_FILE", temp.resolve("serve-spool.jsonl").toString());
            penv.put("AGENT_SERVER_REPO_ROOTS", temp.toAbsolutePath().toString());
            penv.put("AGENT_SERVER_POLLING_INTERVAL", "500ms");
            penv.put("AGENT_API_TOKEN", "ci:" + s.apiToken);
            s.process = pb.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline && s.process.isAlive()) {
                java.util.regex.Matcher m = LISTENING.matcher(Files.readString(s.log));
                if (m.find()) {
                    s.port = Integer.parseInt(m.group(1));
                    return s;
                }
                Thread.sleep(200);
            }
            String out = Files.readString(s.log);
            s.close();
            throw new AssertionError("agent serve did not start: " + out);
        }

        /** {@code GET /api/v1/tasks}. */
        JsonNode tasks() throws Exception {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tasks"))
                            .header("Authorization", "Bearer " + apiToken)
                            .timeout(java.time.Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        String output() throws Exception {
            return Files.readString(log);
        }

        @Override
        public void close() throws Exception {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The task service's API alone (no workers) on the test's schema: where a person approves a merge. */
    private static final class ApprovalsServer implements AutoCloseable {
        private final String apiToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        private final HikariDataSource pool;
        private final AgentServer server;
        private final HttpClient http = HttpClient.newHttpClient();

        private ApprovalsServer(String schema) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(Services.DB_URL);
            config.setUsername(Services.DB_USER);
            config.setPassword(Services.DB_PASSWORD);
            config.setMaximumPoolSize(4);
            this.pool = new HikariDataSource(config);
            this.server = AgentServer.builder()
                    .config(ServerConfig.builder()
                            .port(0)
                            .workers(0)
                            .schema(schema)
                            .build())
                    .dataSource(pool)
                    .agents(request -> {
                        throw new IllegalStateException("this server runs no tasks");
                    })
                    .tokens(ApiTokens.parse("reviewer:" + apiToken))
                    .build();
        }

        static ApprovalsServer start(String schema) {
            ApprovalsServer s = new ApprovalsServer(schema);
            try {
                s.server.start();
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }

        /** Polls GET /api/v1/approvals until one is pending; fails when the run ends first or after 5 minutes. */
        JsonNode awaitPending(CompletableFuture<CliHarness.Result> run) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                List<JsonNode> items = pendingItems();
                if (!items.isEmpty()) {
                    assertThat(items).hasSize(1);
                    return items.get(0);
                }
                if (run.isDone()) {
                    CliHarness.Result r = run.get();
                    throw new AssertionError("the run ended without asking: " + r.out() + r.err());
                }
                Thread.sleep(200);
            }
            throw new AssertionError("no approval was asked for in 5 minutes");
        }

        List<JsonNode> pendingItems() throws Exception {
            HttpResponse<String> response =
                    http.send(request("/api/v1/approvals").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            JSON.readTree(response.body()).path("items").forEach(items::add);
            return items;
        }

        /** POSTs the decision to the approval's decide link, as the dashboard does. */
        JsonNode decide(JsonNode approval, String body) throws Exception {
            HttpResponse<String> response = http.send(
                    request(approval.path("links").path("decide").asText())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                    .header("Authorization", "Bearer " + apiToken)
                    .timeout(java.time.Duration.ofSeconds(30));
        }

        @Override
        public void close() {
            try {
                server.close();
            } finally {
                pool.close();
            }
        }
    }

    private CliHarness.Result agent(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Path project = Path.of("..").toAbsolutePath().normalize();
        CliContext context = CliContext.of(
                new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true),
                new java.io.ByteArrayInputStream(new byte[0]),
                env,
                project,
                home,
                java.time.Clock.systemUTC(),
                new DefaultBackends(env, project, home));
        int code = AgentCli.create(context).execute(args);
        outputs.add(out.toString());
        outputs.add(err.toString());
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    /** The token is in no output, no pull request, comment or write to GitHub, no table of the schema, no log line. */
    private void assertTokenNowhere() throws Exception {
        assertThat(outputs).isNotEmpty().noneMatch(o -> o.contains(token));
        synchronized (github) {
            assertThat(github.writes).isNotEmpty().noneMatch(w -> w.contains(token));
            assertThat(github.authorizations).allMatch(a -> a.endsWith(token));
        }
        int rows = 0;
        try (Connection c = Services.connect();
                Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("audit", "tasks");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + schema + "." + table + " t")) {
                    while (rs.next()) {
                        rows++;
                        assertThat(rs.getString(1)).as(table).doesNotContain(token);
                    }
                }
            }
        }
        assertThat(rows).isPositive();
        for (Path log : List.of(Path.of("logs/agent.log"), Path.of("../logs/agent.log"))) {
            if (Files.exists(log)) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(token);
            }
        }
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + line, e);
        }
    }

    private Path fixingScript() throws Exception {
        return script(List.of(
                toolCall("read_file", Map.of("path", "textkit/words.py")),
                toolCall("replace_text", Map.of("path", "textkit/words.py", "search", BUG, "replace", FIX)),
                answer("count_words subtracted one")));
    }

    private static String toolCall(String name, Map<String, Object> arguments) {
        ObjectNode call = JSON.createObjectNode().put("name", name);
        call.set("arguments", JSON.valueToTree(arguments));
        ObjectNode reply = JSON.createObjectNode();
        reply.putArray("$tool_calls").add(call);
        return reply.toString();
    }

    private static String answer(String notes) {
        ObjectNode node = JSON.createObjectNode();
        node.putArray("edits");
        node.put("notes", notes);
        return node.toString();
    }

    private Path script(List<String> coderReplies) throws Exception {
        ObjectNode root = JSON.createObjectNode().put("description", "an issue's run");
        ArrayNode coder = root.putObject("responses").putArray("coder");
        for (String r : coderReplies) {
            coder.add(JSON.readTree(r));
        }
        Path file = Files.createTempFile(temp, "script", ".json");
        Files.writeString(file, root.toString());
        return file;
    }

    private static void write(Path root, String path, String content) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
