package dev.agentloop.git.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.core.audit.InMemoryAuditTrail;
import dev.agentloop.git.testing.FakeGitHub;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueFlowTest {

    static final String FIXED = "def count_words(text):\n    return len(text.split())\n";
    static final String WIDENED = "def count_words(text, sep=None):\n    return len(text.split(sep))\n";
    static final IssueRef ISSUE = IssueRef.parse("octo/textkit#7");
    static final String BRANCH = "agentloop/issue-7-count-words-is-off-by-one";

    @TempDir
    Path temp;

    IssueFixture fx;
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fx = new IssueFixture(temp);
        FakeGitHub.Issue issue = fx.github.addIssue(7, "count_words is off by one", "It says 2 for 'a b c'.", "bug");
        issue.comments.add(new String[] {"alice", "Empty text should give 0."});
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void manualModePushesTheBranchOpensAFullPullRequestCommentsAndLeavesItForAPerson() {
        String mainBefore = fx.ref("main").orElseThrow();
        IssueFlow flow = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .build();

        IssueOutcome outcome = flow.handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(fx.tasks).singleElement().satisfies(t -> {
            assertThat(t.text()).contains("count_words is off by one", "It says 2", "alice: Empty text should give 0.");
            assertThat(t.repository().defaultBranch()).isEqualTo("main");
        });
        String pushed = fx.ref(BRANCH).orElseThrow();
        assertThat(fx.show(pushed, "textkit/words.py")).isEqualTo(FIXED);
        assertThat(fx.ref("main")).contains(mainBefore);

        FakeGitHub.Pull pr = fx.github.pullFrom(BRANCH).orElseThrow();
        assertThat(pr.base).isEqualTo("main");
        assertThat(pr.title).isEqualTo("count_words is off by one (#7)");
        assertThat(pr.merged).isFalse();
        assertThat(pr.body)
                .startsWith("Fixes #7\n\n## Summary\n\n")
                .contains("solved it in 2 iteration(s)")
                .contains("## Plan\n\n```\nApproach: drop the - 1\nSteps:\n- fix count_words\n```")
                .contains("## Files changed\n\n- `textkit/words.py`\n")
                .contains("textkit/words.py | 2 +-")
                .contains("## Tests\n\n- before: 0 passed, 1 failing\n- after: 1/1 passed\n")
                .contains("## Failures met\n\n- AssertionError: assert 2 == 3 (test_count_words)\n")
                .contains("## Memory hits used\n\n- similarity 0.81, fix known: AssertionError: assert 1 == 2\n")
                .contains("## Tokens and cost\n\n1,500 tokens, cost 0.0125")
                .contains("## Risk: low\n\n- a small change (2 lines) inside existing functions\n")
                .contains("## Merge policy (manual mode): left open for a person\n\n- tests pass\n- no secret in the"
                        + " diff\n- risk low\n- manual mode: a person merges\n");
        assertThat(fx.github.issues.get(7).commentTexts())
                .last()
                .asString()
                .startsWith("agentloop opened " + "https://github.test/octo/textkit/pull/" + pr.number)
                .contains("risk low; manual mode: left open for a person");

        assertThat(audit.list(Optional.of("octo/textkit"), Optional.empty(), 100))
                .extracting(e -> e.action() + " " + e.target() + " " + e.result())
                .containsExactly(
                        "ISSUE_READ issue 7 OK",
                        "RUN issue 7 OK",
                        "PUSH branch " + BRANCH + " OK",
                        "PULL_REQUEST pull " + pr.number + " OK",
                        "COMMENT issue 7 OK",
                        "POLICY_DECISION pull " + pr.number + " REFUSED");
        AuditEntry run = audit.list(Optional.empty(), Optional.empty(), 100).get(1);
        assertThat(run.cost()).isEqualTo(0.0125);
        assertThat(run.detail()).isEqualTo("solved in 2 iteration(s), 1,500 tokens, cost 0.0125");
        assertThat(run.actor()).isEqualTo("agentbot");
        assertThat(said).contains("pushed " + BRANCH, "merge policy (manual mode): left open for a person");
    }

    @Test
    void theTokenIsOnlyEverInTheAuthorizationHeader() {
        synchronized (fx.github) {
            fx.github.statuses.add(new String[] {"ci/tests", "success"});
        }
        fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .build()
                .handle(ISSUE);

        List<String> seen = new ArrayList<>(said);
        fx.tasks.forEach(t -> seen.add(t.text() + t.repository()));
        audit.list(Optional.empty(), Optional.empty(), 100).forEach(e -> seen.add(e.toString()));
        seen.addAll(fx.github.writes);
        fx.github.pulls.values().forEach(p -> seen.add(p.body));
        assertThat(seen).isNotEmpty().noneMatch(s -> s.contains(IssueFixture.TOKEN));
        assertThat(fx.github.authorizations).allMatch(a -> a.endsWith(IssueFixture.TOKEN));
    }

    @Test
    void autonomousModeMergesALowRiskChange() {
        synchronized (fx.github) {
            fx.github.statuses.add(new String[] {"ci/tests", "success"});
            fx.github.checkRuns.add(new String[] {"lint", "completed", "success"});
        }
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.MERGED);
        String head = fx.ref(BRANCH).orElseThrow();
        assertThat(outcome.decision().orElseThrow().reasons())
                .last()
                .isEqualTo("GitHub's checks pass on " + head.substring(0, 7) + " (ci/tests: success, lint: success)");
        assertThat(fx.github.requests())
                .contains(
                        "GET /repos/octo/textkit/statuses/" + head,
                        "GET /repos/octo/textkit/commits/" + head + "/check-runs");
        assertThat(fx.ref("main")).isEqualTo(fx.ref(BRANCH));
        assertThat(fx.github.pullFrom(BRANCH).orElseThrow().merged).isTrue();
        assertThat(audit.list(Optional.empty(), Optional.empty(), 100))
                .extracting(e -> e.action() + " " + e.result())
                .endsWith("POLICY_DECISION OK", "MERGE OK");
    }

    @Test
    void aFailingCheckKeepsAnAutonomousMergeOffAndTheFlowSaysSoOnThePullRequestAndInTheAudit() {
        synchronized (fx.github) {
            fx.github.statuses.add(new String[] {"ci/tests", "success"});
            fx.github.checkRuns.add(new String[] {"build", "completed", "failure"});
        }
        String mainBefore = fx.ref("main").orElseThrow();
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .build()
                .handle(ISSUE);

        String reason = "GitHub's checks fail on "
                + fx.ref(BRANCH).orElseThrow().substring(0, 7) + " (ci/tests: success, build: failure)";
        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.decision().orElseThrow().reasons()).last().isEqualTo(reason);
        FakeGitHub.Pull pr = fx.github.pullFrom(BRANCH).orElseThrow();
        assertThat(pr.merged).isFalse();
        assertThat(fx.ref("main")).contains(mainBefore);
        assertThat(pr.comments)
                .containsExactly("Not merged: " + reason + ". The pull request is left open for a person.");
        List<AuditEntry> entries = audit.list(Optional.empty(), Optional.empty(), 100);
        assertThat(entries).extracting(AuditEntry::action).doesNotContain(AuditAction.MERGE);
        assertThat(entries)
                .filteredOn(e -> e.action() == AuditAction.POLICY_DECISION)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.result()).isEqualTo(AuditResult.REFUSED);
                    assertThat(e.detail()).endsWith(reason);
                });
    }

    @Test
    void pendingChecksAreWaitedForUntilTheTimeoutAndThenLeftForAPerson() {
        synchronized (fx.github) {
            fx.github.statuses.add(new String[] {"ci/tests", "pending"});
        }
        dev.agentloop.core.testing.MutableClock clock =
                new dev.agentloop.core.testing.MutableClock(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        List<Duration> slept = new java.util.concurrent.CopyOnWriteArrayList<>();
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .clock(clock)
                .checks(new ChecksSettings(Duration.ofMinutes(10), Duration.ofSeconds(15), true))
                .sleeper(d -> {
                    slept.add(d);
                    clock.advance(d);
                })
                .build()
                .handle(ISSUE);

        assertThat(slept).hasSize(40).containsOnly(Duration.ofSeconds(15));
        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        String reason = "GitHub's checks are still pending on "
                + fx.ref(BRANCH).orElseThrow().substring(0, 7) + " (ci/tests: pending) after 600 s";
        assertThat(outcome.decision().orElseThrow().reasons()).last().isEqualTo(reason);
        assertThat(fx.github.pullFrom(BRANCH).orElseThrow().merged).isFalse();
        assertThat(fx.github.pullFrom(BRANCH).orElseThrow().comments)
                .containsExactly("Not merged: " + reason + ". The pull request is left open for a person.");
    }

    @Test
    void checksThatPassWhileWaitedForLetTheMergeGoOn() {
        synchronized (fx.github) {
            fx.github.statuses.add(new String[] {"ci/tests", "pending"});
        }
        dev.agentloop.core.testing.MutableClock clock =
                new dev.agentloop.core.testing.MutableClock(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        List<Duration> slept = new java.util.concurrent.CopyOnWriteArrayList<>();
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .clock(clock)
                .checks(new ChecksSettings(Duration.ofMinutes(10), Duration.ofSeconds(15), true))
                .sleeper(d -> {
                    slept.add(d);
                    clock.advance(d);
                    if (slept.size() == 2) {
                        synchronized (fx.github) {
                            fx.github.statuses.add(0, new String[] {"ci/tests", "success"}); // newest first
                        }
                    }
                })
                .build()
                .handle(ISSUE);

        assertThat(slept).hasSize(2);
        assertThat(outcome.status()).isEqualTo(IssueStatus.MERGED);
        assertThat(outcome.decision().orElseThrow().reasons()).last().asString().endsWith("(ci/tests: success)");
    }

    @Test
    void aCommitNoCheckReportedOnIsLeftForAPersonWhenChecksAreRequired() {
        dev.agentloop.core.testing.MutableClock clock =
                new dev.agentloop.core.testing.MutableClock(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .clock(clock)
                .checks(new ChecksSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), true))
                .sleeper(clock::advance)
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.decision().orElseThrow().reasons())
                .last()
                .isEqualTo("no GitHub check reported on "
                        + fx.ref(BRANCH).orElseThrow().substring(0, 7) + " within 60 s");
    }

    @Test
    void aCommitNoCheckReportedOnMergesOnTheProjectsTestsWhenChecksAreNotRequired() {
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .checks(new ChecksSettings(Duration.ofMinutes(1), Duration.ofSeconds(30), false))
                .sleeper(d -> {
                    throw new AssertionError("nothing to wait for");
                })
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.MERGED);
        assertThat(outcome.decision().orElseThrow().reasons())
                .last()
                .asString()
                .endsWith(": the project's tests decide");
    }

    @Test
    void autonomousModeLeavesAHighRiskChangeForAPerson() {
        String mainBefore = fx.ref("main").orElseThrow();
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", WIDENED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.risk().orElseThrow().tier()).isEqualTo(RiskTier.HIGH);
        assertThat(fx.ref("main")).contains(mainBefore);
        FakeGitHub.Pull pr = fx.github.pullFrom(BRANCH).orElseThrow();
        assertThat(pr.merged).isFalse();
        assertThat(pr.body)
                .contains("## Risk: high\n\n- changes the public signature of count_words in textkit/words.py")
                .contains("- autonomous mode: only low risk merges");
        assertThat(audit.list(Optional.empty(), Optional.empty(), 100))
                .extracting(AuditEntry::action)
                .doesNotContain(AuditAction.MERGE);
        assertThat(audit.list(Optional.empty(), Optional.empty(), 100).get(5).detail())
                .startsWith("autonomous: tests pass; no secret in the diff; risk high;");
    }

    @Test
    void supervisedModeMergesOnceAPersonApprovesAndSaysSoOnThePullRequest() {
        List<Set<Approval>> asked = new ArrayList<>();
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.SUPERVISED))
                .approver((issue, pr, risk, missing) -> {
                    asked.add(missing);
                    return new GrantedApprovals(Set.of(Approval.MERGE), "alice");
                })
                .build()
                .handle(ISSUE);

        assertThat(asked).containsExactly(Set.of(Approval.MERGE));
        assertThat(outcome.status()).isEqualTo(IssueStatus.MERGED);
        FakeGitHub.Pull pr = fx.github.pullFrom(BRANCH).orElseThrow();
        assertThat(pr.body).contains("## Merge policy (supervised mode): left open for a person");
        assertThat(pr.comments)
                .singleElement()
                .asString()
                .startsWith("Approved by alice (merge). Merge policy: merge.")
                .contains("- supervised mode: merge approved");
        assertThat(fx.ref("main")).isEqualTo(fx.ref(BRANCH));
    }

    @Test
    void supervisedModeAsksAnApprovalHandlerOneMergeQuestionAndRecordsWhoApproved() {
        List<dev.agentloop.core.spi.ApprovalRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.SUPERVISED))
                .approver(new AskingMergeApprover(request -> {
                    asked.add(request);
                    return new dev.agentloop.core.spi.ApprovalDecision(true, "reviewer", "looks right");
                }))
                .build()
                .handle(ISSUE);

        FakeGitHub.Pull pr = fx.github.pullFrom(BRANCH).orElseThrow();
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(dev.agentloop.core.spi.ApprovalKind.MERGE);
            assertThat(r.subject()).isEqualTo("https://github.test/octo/textkit/pull/" + pr.number);
            assertThat(r.reason()).contains("for octo/textkit#7", "risk low", "approving grants: merge.");
        });
        assertThat(outcome.status()).isEqualTo(IssueStatus.MERGED);
        assertThat(pr.comments)
                .singleElement()
                .asString()
                .startsWith("Approved by reviewer (merge): looks right. Merge policy: merge.");
        assertThat(audit.list(Optional.empty(), Optional.empty(), 100))
                .filteredOn(e -> e.action() == AuditAction.APPROVAL)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("reviewer");
                    assertThat(e.result()).isEqualTo(AuditResult.OK);
                    assertThat(e.target()).isEqualTo("pull " + pr.number);
                    assertThat(e.detail()).isEqualTo("approved merge: looks right");
                });
    }

    @Test
    void aDenialLeavesThePullRequestOpenAndIsSaidOnItAndRecordedWithWhoDenied() {
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.SUPERVISED))
                .approver(new AskingMergeApprover(
                        request -> dev.agentloop.core.spi.ApprovalDecision.deny("reviewer", "not this week")))
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.decision().orElseThrow().reasons()).endsWith("merge denied by reviewer: not this week");
        FakeGitHub.Pull pr = fx.github.pullFrom(BRANCH).orElseThrow();
        assertThat(pr.merged).isFalse();
        assertThat(pr.comments)
                .containsExactly("Denied by reviewer: not this week. The pull request is left open for a person.");
        List<AuditEntry> entries = audit.list(Optional.empty(), Optional.empty(), 100);
        assertThat(entries)
                .filteredOn(e -> e.action() == AuditAction.APPROVAL)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("reviewer");
                    assertThat(e.result()).isEqualTo(AuditResult.REFUSED);
                    assertThat(e.detail()).isEqualTo("denied merge: not this week");
                });
        assertThat(entries).extracting(AuditEntry::action).doesNotContain(AuditAction.MERGE);
    }

    @Test
    void supervisedModeWithoutAnAnswerLeavesThePullRequestOpen() {
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.SUPERVISED))
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.decision().orElseThrow().reasons()).contains("supervised mode: waiting for approval");
    }

    @Test
    void aRepositoryOutsideTheAllowListIsRefusedBeforeAnythingIsRead() {
        IssueFlow flow = fx.flow(fx.solving(Map.of()), audit, said)
                .settings(IssueSettings.ofDefaults().withAllowedRepos(List.of("acme/*", "octo/other")))
                .build();

        assertThatThrownBy(() -> flow.handle(ISSUE))
                .isInstanceOf(GitHubException.class)
                .hasMessage("The repository octo/textkit is not in github.allowed-repos (acme/*, octo/other); add it"
                        + " there to let the agent work on it.")
                .extracting(e -> ((GitHubException) e).failure())
                .isEqualTo(GitHubFailure.NOT_ALLOWED);
        assertThat(fx.github.requests()).noneMatch(r -> r.contains("/repos/"));
        assertThat(fx.tasks).isEmpty();
        assertThat(audit.list(Optional.empty(), Optional.empty(), 10))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.action()).isEqualTo(AuditAction.ISSUE_READ);
                    assertThat(e.result()).isEqualTo(AuditResult.REFUSED);
                });
    }

    @Test
    void anUnknownIssueIsAFailedReadOnRecord() {
        IssueFlow flow = fx.flow(fx.solving(Map.of()), audit, said).build();

        assertThatThrownBy(() -> flow.handle(IssueRef.parse("octo/textkit#99")))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("404")
                .extracting(e -> ((GitHubException) e).failure())
                .isEqualTo(GitHubFailure.NOT_FOUND);
        assertThat(audit.list(Optional.empty(), Optional.empty(), 10))
                .extracting(e -> e.action() + " " + e.target() + " " + e.result())
                .containsExactly("ISSUE_READ issue 99 FAILED");
    }

    @Test
    void anUnsolvedIssueGetsACommentAndNoPullRequest() {
        IssueOutcome outcome = fx.flow(fx.stopping(), audit, said).build().handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.NOT_SOLVED);
        assertThat(fx.github.pulls).isEmpty();
        assertThat(fx.github.issues.get(7).commentTexts())
                .last()
                .asString()
                .startsWith("agentloop could not solve this issue: the run stopped (same failure repeated) after 3"
                        + " iteration(s)");
        assertThat(audit.list(Optional.empty(), Optional.empty(), 10))
                .extracting(e -> e.action() + " " + e.result())
                .containsExactly("ISSUE_READ OK", "RUN FAILED", "COMMENT OK");
        assertThat(audit.spent(java.time.Instant.EPOCH)).isEqualTo(0.004);
    }

    @Test
    void aRunElsewhereIsNamedInTheRunsAuditEntry() {
        IssueRunner stopping = fx.stopping();
        IssueRunner queued = task -> {
            IssueRunResult run = stopping.run(task);
            return new IssueRunResult(run.result(), run.branchRepository(), run.facts(), "queued task 1234");
        };

        fx.flow(queued, audit, said).build().handle(ISSUE);

        assertThat(audit.list(Optional.empty(), Optional.empty(), 10))
                .filteredOn(e -> e.action() == dev.agentloop.core.audit.AuditAction.RUN)
                .singleElement()
                .satisfies(e -> assertThat(e.detail())
                        .isEqualTo("stopped: same failure repeated in 3 iteration(s), 1,500 tokens, cost 0.0040;"
                                + " queued task 1234"));
    }

    @Test
    void theDailyCostCapStopsARunBeforeItStarts() {
        audit.record(new AuditEntry(
                java.time.Instant.parse("2026-03-02T01:00:00Z"),
                "agentbot",
                AuditAction.RUN,
                "octo/textkit",
                "issue 3",
                AuditResult.OK,
                "",
                0.5));
        IssueFlow flow = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withDailyCostCap(0.5))
                .build();

        IssueOutcome outcome = flow.handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.CAPPED);
        assertThat(fx.tasks).isEmpty();
        assertThat(said).anyMatch(l -> l.startsWith("The daily cost cap is reached (0.5000 of 0.5000 spent today"));
    }

    @Test
    void theRunIsGivenWhatIsLeftOfTheDailyCostCap() {
        audit.record(new AuditEntry(
                java.time.Instant.parse("2026-03-01T23:00:00Z"), // yesterday: not counted
                "agentbot",
                AuditAction.RUN,
                "octo/textkit",
                "issue 3",
                AuditResult.OK,
                "",
                5));
        audit.record(new AuditEntry(
                java.time.Instant.parse("2026-03-02T01:00:00Z"),
                "agentbot",
                AuditAction.RUN,
                "octo/textkit",
                "issue 4",
                AuditResult.OK,
                "",
                0.25));
        fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withDailyCostCap(1))
                .build()
                .handle(ISSUE);

        assertThat(fx.tasks).singleElement().extracting(IssueTask::costLimit).isEqualTo(Optional.of(0.75));
    }

    @Test
    void anOpaPolicyIsAskedWithTheSameDocumentAndItsDenialKeepsTheMergeOff() throws Exception {
        List<JsonNode> asked = new ArrayList<>();
        HttpServer opa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opa.createContext("/v1/data/agentloop/merge", ex -> {
            asked.add(new ObjectMapper().readTree(ex.getRequestBody()));
            byte[] answer = "{\"result\": {\"allow\": false, \"reasons\": [\"no merges on release days\"]}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        opa.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + opa.getAddress().getPort() + "/v1/data/agentloop/merge");
            IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                    .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                    .externalPolicy(new OpaPolicy(url, Duration.ofSeconds(5)))
                    .build()
                    .handle(ISSUE);

            assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
            assertThat(outcome.decision().orElseThrow().reasons())
                    .contains(
                            "autonomous mode: low risk merges",
                            "OPA policy " + url + ": deny",
                            "OPA: no merges on" + " release days");
            JsonNode input = asked.get(0).path("input");
            assertThat(input.path("repository").asText()).isEqualTo("octo/textkit");
            assertThat(input.path("issue").asInt()).isEqualTo(7);
            assertThat(input.path("mode").asText()).isEqualTo("autonomous");
            assertThat(input.path("tests_passed").asBoolean()).isTrue();
            assertThat(input.path("risk").path("tier").asText()).isEqualTo("low");
            assertThat(input.path("files").get(0).asText()).isEqualTo("textkit/words.py");
            assertThat(input.path("secrets")).isEmpty();
            assertThat(fx.github.pullFrom(BRANCH).orElseThrow().body).contains("- OPA: no merges on release days");
        } finally {
            opa.stop(0);
        }
    }

    @Test
    void anOpaPolicyThatCannotBeAskedKeepsTheMergeOff() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/v1/data/agentloop/merge");
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", FIXED)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .externalPolicy(new OpaPolicy(url, Duration.ofSeconds(2)))
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.decision().orElseThrow().reasons())
                .anyMatch(r -> r.startsWith("OPA policy " + url + " could not be asked (ConnectException")
                        && r.endsWith("the merge is left for a person"));
    }

    @Test
    void aSecretInTheDiffKeepsTheMergeOffAndIsNamedButNotShown() {
        String leaked = FIXED + "API_TOKEN = \"ghp_abcdefghijklmnopqrstuvwxyz0123456789\"\n";
        IssueOutcome outcome = fx.flow(fx.solving(Map.of("textkit/words.py", leaked)), audit, said)
                .settings(IssueSettings.ofDefaults().withMode(MergeMode.AUTONOMOUS))
                .build()
                .handle(ISSUE);

        assertThat(outcome.status()).isEqualTo(IssueStatus.LEFT_OPEN);
        assertThat(outcome.decision().orElseThrow().reasons())
                .contains("a secret-like value in the diff (GitHub token)");
        assertThat(fx.github.pullFrom(BRANCH).orElseThrow().body).doesNotContain("ghp_abcdefghij");
    }
}
