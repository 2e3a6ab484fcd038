package dev.agentloop.git.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.audit.AuditAction;
import dev.agentloop.core.audit.AuditEntry;
import dev.agentloop.core.audit.AuditResult;
import dev.agentloop.core.audit.InMemoryAuditTrail;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueWatcherTest {

    @TempDir
    Path temp;

    IssueFixture fx;
    final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    final List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fx = new IssueFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    WatchSettings settings(int maxConcurrent) {
        return new WatchSettings(
                RepoName.parse("octo/textkit"),
                List.of("bot-approved"),
                List.of("wontfix"),
                maxConcurrent,
                Duration.ofSeconds(60));
    }

    IssueWatcher watcher(IssueRunner runner, int maxConcurrent) {
        IssueFlow flow = fx.flow(runner, audit, said).build();
        return new IssueWatcher(fx.client, flow, settings(maxConcurrent), said::add);
    }

    @Test
    void claimsLabelledIssuesOnceAcrossRestartsAndLeavesTheOthers() {
        fx.github.addIssue(7, "count_words is off by one", "", "bot-approved", "bug");
        fx.github.addIssue(8, "not for the bot", "", "bug");
        fx.github.addIssue(9, "will not fix", "", "bot-approved", "wontfix");
        fx.github.addIssue(10, "a person has it", "", "bot-approved").assignees.add("alice");
        IssueRunner runner = fx.solving(Map.of("textkit/words.py", IssueFlowTest.FIXED));

        List<IssueRef> first;
        try (IssueWatcher watcher = watcher(runner, 2)) {
            first = watcher.runOnce();
        }
        List<IssueRef> second;
        try (IssueWatcher restarted = watcher(runner, 2)) {
            second = restarted.runOnce();
        }

        assertThat(first).containsExactly(IssueRef.parse("octo/textkit#7"));
        assertThat(second).isEmpty();
        FakeGitHub7 issue7 = new FakeGitHub7(fx);
        assertThat(issue7.assignees()).containsExactly("agentbot");
        assertThat(issue7.comments())
                .filteredOn(c -> c.startsWith("agentloop is working on this issue"))
                .hasSize(1);
        assertThat(fx.tasks).hasSize(1);
        assertThat(fx.github.pullFrom("agentloop/issue-7-count-words-is-off-by-one"))
                .isPresent();
        assertThat(fx.github.issues.get(8).comments).isEmpty();
        assertThat(fx.github.issues.get(9).comments).isEmpty();
        assertThat(fx.github.issues.get(10).assignees).containsExactly("alice");
        assertThat(audit.list(Optional.empty(), Optional.empty(), 100))
                .filteredOn(e -> e.action() == AuditAction.CLAIM)
                .extracting(e -> e.target() + " " + e.result())
                .containsExactly("issue 7 OK");
    }

    @Test
    void claimsNoMoreThanTheFreeSlotsAndTheRestOnTheNextLook() throws Exception {
        for (int n = 1; n <= 3; n++) {
            fx.github.addIssue(n, "issue " + n, "", "bot-approved");
        }
        CountDownLatch release = new CountDownLatch(1);
        IssueRunner solving = fx.solving(Map.of("textkit/words.py", IssueFlowTest.FIXED));
        IssueRunner blocking = task -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return solving.run(task);
        };
        try (IssueWatcher watcher = watcher(blocking, 2)) {
            assertThat(watcher.poll()).extracting(IssueRef::number).containsExactly(1, 2);
            assertThat(watcher.poll()).as("no slot free").isEmpty();
            release.countDown();
            assertThat(watcher.awaitRuns(Duration.ofMinutes(1))).isTrue();
            assertThat(watcher.poll()).extracting(IssueRef::number).containsExactly(3);
            assertThat(watcher.awaitRuns(Duration.ofMinutes(1))).isTrue();
        }
        assertThat(fx.tasks).hasSize(3);
    }

    @Test
    void runLooksUntilStoppedAndStopEndsItWithoutWaitingForTheInterval() throws Exception {
        fx.github.addIssue(7, "count_words is off by one", "", "bot-approved");
        CountDownLatch claimed = new CountDownLatch(1);
        IssueFlow flow = fx.flow(fx.solving(Map.of("textkit/words.py", IssueFlowTest.FIXED)), audit, said)
                .say(line -> {
                    if (line.startsWith("claimed octo/textkit#7")) {
                        claimed.countDown();
                    }
                })
                .build();
        try (IssueWatcher watcher = new IssueWatcher(fx.client, flow, settings(1), said::add)) {
            Thread loop = new Thread(watcher::run, "watch-loop");
            loop.start();
            assertThat(claimed.await(1, TimeUnit.MINUTES)).isTrue();
            watcher.stop();
            loop.join(TimeUnit.SECONDS.toMillis(30)); // the interval is a minute: only stop() ends it this soon
            assertThat(loop.isAlive()).isFalse();
            assertThat(watcher.awaitRuns(Duration.ofMinutes(1))).isTrue();
        }
        assertThat(said.get(0)).startsWith("watching octo/textkit for open issues labelled bot-approved every 60 s");
        assertThat(fx.github.pullFrom("agentloop/issue-7-count-words-is-off-by-one"))
                .isPresent();
    }

    @Test
    void ctrlCEndsARunningWatchPromptlyLeavesEveryClaimWholeAndARestartClaimsNothingTwice() throws Exception {
        for (int n = 1; n <= 3; n++) {
            fx.github.addIssue(n, "issue " + n, "", "bot-approved");
        }
        // runs that go on until cancelled, as a long agent run does; cancelling ends them as cancelled
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch bothRunning = new CountDownLatch(2);
        IssueRunner longRuns = task -> {
            fx.tasks.add(task);
            bothRunning.countDown();
            try {
                cancelled.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new IssueRunResult(
                    new dev.agentloop.core.AgentResult.Stopped(
                            java.util.UUID.randomUUID(),
                            dev.agentloop.core.StopReason.CANCELLED,
                            "cancelled",
                            1,
                            100,
                            0.001,
                            Duration.ofSeconds(1),
                            temp),
                    Optional.empty(),
                    RunFacts.none());
        };
        IssueFlow flow = fx.flow(longRuns, audit, said).build();
        Thread loop;
        boolean ended;
        try (IssueWatcher watcher = new IssueWatcher(fx.client, flow, settings(2), said::add)) {
            loop = new Thread(watcher::run, "watch-loop");
            loop.start();
            assertThat(bothRunning.await(1, TimeUnit.MINUTES)).isTrue();

            // the path the CLI's Ctrl-C hook takes
            ended = watcher.shutdown(cancelled::countDown, Duration.ofSeconds(30));
            loop.join(TimeUnit.SECONDS.toMillis(30)); // the interval is a minute: only the shutdown ends it this soon
        }
        assertThat(ended).as("the runs ended within the grace").isTrue();
        assertThat(loop.isAlive()).isFalse();
        assertThat(fx.github.pulls).as("a cancelled run opens no pull request").isEmpty();

        // every claim is whole: recorded once, assigned, commented on; the unclaimed issue is untouched
        List<String> claims = audit.list(Optional.empty(), Optional.empty(), 100).stream()
                .filter(e -> e.action() == AuditAction.CLAIM)
                .map(e -> e.target() + " " + e.result())
                .toList();
        assertThat(claims).containsExactly("issue 1 OK", "issue 2 OK");
        synchronized (fx.github) {
            for (int n = 1; n <= 2; n++) {
                assertThat(fx.github.issues.get(n).assignees).as("issue " + n).containsExactly("agentbot");
                assertThat(fx.github.issues.get(n).commentTexts())
                        .as("issue " + n)
                        .singleElement()
                        .asString()
                        .startsWith("agentloop is working on this issue");
            }
            assertThat(fx.github.issues.get(3).assignees).isEmpty();
            assertThat(fx.github.issues.get(3).comments).isEmpty();
        }

        // a restart takes only the issue nobody claimed
        List<IssueRef> restarted;
        try (IssueWatcher again = watcher(fx.solving(Map.of("textkit/words.py", IssueFlowTest.FIXED)), 2)) {
            restarted = again.runOnce();
        }
        assertThat(restarted).extracting(IssueRef::number).containsExactly(3);
        assertThat(audit.list(Optional.empty(), Optional.empty(), 100))
                .filteredOn(e -> e.action() == AuditAction.CLAIM)
                .extracting(e -> e.target() + " " + e.result())
                .containsExactly("issue 1 OK", "issue 2 OK", "issue 3 OK");
        synchronized (fx.github) {
            for (int n = 1; n <= 3; n++) {
                assertThat(fx.github.issues.get(n).commentTexts())
                        .as("issue " + n)
                        .filteredOn(c -> c.startsWith("agentloop is working on this issue"))
                        .hasSize(1);
            }
        }
    }

    @Test
    void claimsNothingWhileTheDailyCostCapIsReached() {
        fx.github.addIssue(7, "count_words is off by one", "", "bot-approved");
        audit.record(new AuditEntry(
                Instant.parse("2026-03-02T08:00:00Z"),
                "agentbot",
                AuditAction.RUN,
                "octo/other",
                "issue 1",
                AuditResult.OK,
                "",
                2));
        IssueFlow flow = fx.flow(fx.solving(Map.of()), audit, said)
                .settings(IssueSettings.ofDefaults().withDailyCostCap(2))
                .build();

        try (IssueWatcher watcher = new IssueWatcher(fx.client, flow, settings(2), said::add)) {
            assertThat(watcher.runOnce()).isEmpty();
        }

        assertThat(fx.github.issues.get(7).assignees).isEmpty();
        assertThat(said).anyMatch(l -> l.startsWith("the daily cost cap is reached (2.0000 of 2.0000 spent today"));
    }

    @Test
    void aRepositoryOutsideTheAllowListIsNotWatched() {
        IssueFlow flow = fx.flow(fx.solving(Map.of()), audit, said)
                .settings(IssueSettings.ofDefaults().withAllowedRepos(List.of("acme/*")))
                .build();

        assertThatThrownBy(() -> new IssueWatcher(fx.client, flow, settings(1), said::add))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("octo/textkit is not in github.allowed-repos (acme/*)");
        assertThat(fx.github.requests()).noneMatch(r -> r.contains("/repos/"));
    }

    @Test
    void aClaimGitHubRefusesIsReleasedForTheNextLook() {
        fx.github.addIssue(7, "count_words is off by one", "", "bot-approved");
        IssueFlow flow = fx.flow(fx.solving(Map.of("textkit/words.py", IssueFlowTest.FIXED)), audit, said)
                .build();
        GitHubIssue issue =
                fx.client.openIssues(RepoName.parse("octo/textkit"), List.of()).get(0);
        flow.login();
        fx.github.rateLimitNext(100);

        assertThat(flow.claim(issue)).isFalse();
        assertThat(audit.done("octo/textkit", AuditAction.CLAIM, "issue 7")).isFalse();

        fx.github.rateLimitNext(0);
        assertThat(flow.claim(issue)).isTrue();
        assertThat(flow.claim(issue)).isFalse();
    }

    /** Issue 7 of the fake, read under its lock. */
    private record FakeGitHub7(IssueFixture fx) {
        List<String> assignees() {
            synchronized (fx.github) {
                return List.copyOf(fx.github.issues.get(7).assignees);
            }
        }

        List<String> comments() {
            synchronized (fx.github) {
                return fx.github.issues.get(7).commentTexts();
            }
        }
    }
}
