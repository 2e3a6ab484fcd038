package dev.agentloop.git.github;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.git.testing.FakeGitHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real bare repository served as the clone URL of an in-test GitHub, and a runner that stands in for the agent: it
 * makes the change a step gives in its own clone, on a branch {@code agentloop/<short id>} with one commit, as a
 * solved run on a URL source does.
 */
final class IssueFixture implements AutoCloseable {

    static final String TOKEN = "ghp_fixturetoken0123456789abcdef";
    static final String WORDS = "def count_words(text):\n    return len(text.split()) - 1\n";

    final Path temp;
    final Path bare;
    final FakeGitHub github;
    final GitHubToken token = GitHubToken.fromEnvironment(Map.of("GITHUB_TOKEN", TOKEN));
    final GitHubClient client;
    final List<IssueTask> tasks = new CopyOnWriteArrayList<>();

    IssueFixture(Path temp) throws Exception {
        this.temp = temp;
        Path work = Files.createDirectories(temp.resolve("seed"));
        BranchPusherTest.git(work, "init", "-q", "-b", "main");
        Files.createDirectories(work.resolve("textkit"));
        Files.writeString(work.resolve("textkit/words.py"), WORDS);
        BranchPusherTest.git(work, "add", "-A");
        BranchPusherTest.git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "textkit");
        bare = temp.resolve("textkit.git");
        BranchPusherTest.git(temp, "clone", "-q", "--bare", work.toString(), bare.toString());
        github = new FakeGitHub("octo", "textkit", bare.toString()).mergingIn(bare);
        client = GitHubClient.connect(github.endpoint(), token, Duration.ofMillis(10), 3, line -> {});
    }

    /** A runner whose run solves the task by writing {@code files} (path to content) on a fresh branch. */
    IssueRunner solving(Map<String, String> files) {
        return task -> {
            tasks.add(task);
            try {
                UUID id = UUID.randomUUID();
                Path clone = temp.resolve("clone-" + id);
                BranchPusherTest.git(temp, "clone", "-q", task.repository().cloneUrl(), clone.toString());
                String branch = "agentloop/" + id.toString().substring(0, 8);
                BranchPusherTest.git(clone, "checkout", "-q", "-b", branch);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Files.createDirectories(clone.resolve(f.getKey()).getParent());
                    Files.writeString(clone.resolve(f.getKey()), f.getValue());
                }
                BranchPusherTest.git(clone, "add", "-A");
                BranchPusherTest.git(
                        clone, "-c", "user.name=agentloop", "-c", "user.email=a@a", "commit", "-qm", task.text());
                String commit = BranchPusherTest.git(clone, "rev-parse", "HEAD").strip();
                String patch = BranchPusherTest.git(clone, "diff", "main", branch);
                String stat = BranchPusherTest.git(clone, "diff", "--stat", "main", branch);
                Handoff handoff = new Handoff(
                        Optional.of(branch),
                        commit,
                        clone.resolve("change.patch"),
                        patch,
                        List.copyOf(new java.util.TreeSet<>(files.keySet())),
                        stat);
                AgentResult solved = new AgentResult.Solved(
                        id, Map.of(), 2, 1500, 0.0125, Duration.ofSeconds(3), clone, Optional.of(handoff));
                return new IssueRunResult(solved, Optional.of(clone), facts());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** A runner whose run stops after three iterations on the same failure. */
    IssueRunner stopping() {
        return task -> {
            tasks.add(task);
            AgentResult stopped = new AgentResult.Stopped(
                    UUID.randomUUID(),
                    StopReason.SAME_FAILURE_REPEATED,
                    "the same failure 4 times",
                    3,
                    900,
                    0.004,
                    Duration.ofSeconds(2),
                    temp);
            return new IssueRunResult(stopped, Optional.empty(), facts());
        };
    }

    static RunFacts facts() {
        return new RunFacts(
                "Approach: drop the - 1\nSteps:\n- fix count_words",
                "0 passed, 1 failing",
                "1/1 passed",
                List.of("AssertionError: assert 2 == 3 (test_count_words)"),
                List.of("similarity 0.81, fix known: AssertionError: assert 1 == 2"),
                1500,
                "passed - 1/1 tests passed");
    }

    IssueFlow.Builder flow(IssueRunner runner, dev.agentloop.core.audit.AuditTrail audit, List<String> said) {
        return IssueFlow.builder()
                .github(client)
                .runner(runner)
                .audit(audit)
                .token(token)
                .clock(java.time.Clock.fixed(java.time.Instant.parse("2026-03-02T09:00:00Z"), java.time.ZoneOffset.UTC))
                .say(said::add);
    }

    /** A file's content at a commit of the bare repository. */
    String show(String commit, String path) {
        try {
            return BranchPusherTest.git(bare, "show", commit + ":" + path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A branch's commit in the bare repository; empty when it has no such branch. */
    Optional<String> ref(String branch) {
        try {
            return Optional.of(BranchPusherTest.git(bare, "rev-parse", "--verify", "-q", "refs/heads/" + branch)
                    .strip());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        github.close();
    }
}
