package dev.agentloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.git.github.GitHubIssue;
import dev.agentloop.git.github.GitHubRepository;
import dev.agentloop.git.github.IssueRef;
import dev.agentloop.git.github.IssueRunResult;
import dev.agentloop.git.github.IssueTask;
import dev.agentloop.git.github.RepoName;
import dev.agentloop.server.support.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link QueuedIssueRunner} against a server with no workers: the issue becomes a queued repository task the API
 * lists, the wait is reported, and {@link QueuedIssueRunner#cancelAll()} cancels it through the server's cancel.
 */
class QueuedIssueRunnerIT {

    @TempDir
    Path temp;

    @Test
    void aTaskNoWorkerTakesIsReportedAsWaitingAndCancellingTheWatchCancelsItThroughTheServer() throws Exception {
        Path bare = bareRepository();
        String base = git(bare, "rev-parse", "main").strip();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (RunningServer server = RunningServer.start(
                request -> {
                    throw new IllegalStateException("this server runs no tasks");
                },
                c -> c.workers(0))) {
            QueuedIssueRunner runner = QueuedIssueRunner.builder()
                    .dataSource(server.db().dataSource())
                    .schema(server.db().schema())
                    .cacheDir(temp.resolve("repos"))
                    .workspaceRoot(temp.resolve("ws"))
                    .poll(Duration.ofMillis(20))
                    .waitNotice(Duration.ofMillis(100))
                    .say(lines::add)
                    .build();
            IssueRef ref = new IssueRef(new RepoName("octo", "textkit"), 7);
            IssueTask task = new IssueTask(
                    new GitHubIssue(
                            ref,
                            "count_words is off by one",
                            "count_words(\"a b c\") returns 2.",
                            List.of("bot-approved"),
                            List.of(),
                            List.of(),
                            "https://github.test/octo/textkit/issues/7"),
                    new GitHubRepository(ref.repo(), "file://" + bare, "main"),
                    Optional.of(0.5));

            CompletableFuture<IssueRunResult> run = CompletableFuture.supplyAsync(() -> runner.run(task));

            JsonNode listed = awaitQueued(server, run);
            String id = listed.path("id").asText();
            JsonNode detail = server.http().get("/api/v1/tasks/" + id).json();
            assertThat(detail.path("submission").path("repo").asText()).isEqualTo("file://" + bare);
            assertThat(detail.path("submission").path("base").asText()).isEqualTo(base);
            assertThat(detail.path("submission").path("max_cost").asDouble()).isEqualTo(0.5);
            assertThat(detail.path("submission").path("task").asText())
                    .startsWith("count_words is off by one")
                    .contains("returns 2.");
            awaitLine(lines, "octo/textkit#7: task " + id.substring(0, 8) + " queued, waiting for a worker: ", run);

            runner.cancelAll();

            IssueRunResult result = run.get(1, TimeUnit.MINUTES);
            assertThat(result.result())
                    .isInstanceOfSatisfying(
                            AgentResult.Stopped.class,
                            s -> assertThat(s.reason()).isEqualTo(StopReason.CANCELLED));
            assertThat(result.branchRepository()).isEmpty();
            assertThat(result.via()).isEqualTo("queued task " + id);
            assertThat(server.http()
                            .get("/api/v1/tasks/" + id)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("cancelled");
            assertThat(server.db()
                            .queryText(
                                    "SELECT string_agg(actor || ' ' || action, ', ' ORDER BY id) FROM %s.server_audit"))
                    .isEqualTo("agent-watch submit, agent-watch cancel");
            assertThat(server.db().queryLong("SELECT count(*) FROM %s.server_jobs"))
                    .as("nothing left in the queue")
                    .isZero();
            assertThat(lines)
                    .first()
                    .asString()
                    .isEqualTo("octo/textkit#7: queued as task " + id + " at " + base.substring(0, 12)
                            + " (agent serve's dashboard, GET /api/v1/tasks/" + id + ")");
            assertThat(lines).last().asString().startsWith("octo/textkit#7: task " + id.substring(0, 8) + " cancelled");
            assertThat(runner.waiting()).isZero();
        }
    }

    @Test
    void anInterruptedWaitCancelsTheTaskThroughTheServerAndKeepsTheInterrupt() throws Exception {
        Path bare = bareRepository();
        try (RunningServer server = RunningServer.start(
                request -> {
                    throw new IllegalStateException("this server runs no tasks");
                },
                c -> c.workers(0))) {
            QueuedIssueRunner runner = QueuedIssueRunner.builder()
                    .dataSource(server.db().dataSource())
                    .schema(server.db().schema())
                    .cacheDir(temp.resolve("repos"))
                    .workspaceRoot(temp.resolve("ws"))
                    .poll(Duration.ofMillis(20))
                    .build();
            IssueRef ref = new IssueRef(new RepoName("octo", "textkit"), 8);
            IssueTask task = new IssueTask(
                    new GitHubIssue(ref, "title case", "", List.of(), List.of(), List.of(), "u"),
                    new GitHubRepository(ref.repo(), "file://" + bare, "main"),
                    Optional.empty());
            CompletableFuture<IssueRunResult> result = new CompletableFuture<>();
            boolean[] stillInterrupted = new boolean[1];
            Thread waiting = new Thread(() -> {
                try {
                    result.complete(runner.run(task));
                    stillInterrupted[0] = Thread.currentThread().isInterrupted();
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
            waiting.start();
            String id = awaitQueued(server, result).path("id").asText();

            waiting.interrupt();
            waiting.join(TimeUnit.MINUTES.toMillis(1));

            assertThat(result.get(1, TimeUnit.SECONDS).result())
                    .isInstanceOfSatisfying(
                            AgentResult.Stopped.class,
                            s -> assertThat(s.reason()).isEqualTo(StopReason.CANCELLED));
            assertThat(stillInterrupted[0])
                    .as("the interrupt is kept for the caller")
                    .isTrue();
            assertThat(server.http()
                            .get("/api/v1/tasks/" + id)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("cancelled");
            assertThat(server.http()
                            .get("/api/v1/tasks/" + id)
                            .json()
                            .path("submission")
                            .has("max_cost"))
                    .as("no daily cap, no cost limit of its own")
                    .isFalse();
        }
    }

    private static JsonNode awaitQueued(RunningServer server, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            JsonNode items = server.http().get("/api/v1/tasks").json().path("items");
            if (items.size() > 0) {
                assertThat(items).hasSize(1);
                assertThat(items.get(0).path("status").asText()).isEqualTo("queued");
                return items.get(0);
            }
            if (run.isDone()) {
                run.get();
                throw new AssertionError("the run ended before its task was listed");
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no task was listed in a minute");
    }

    private static void awaitLine(List<String> lines, String start, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(l -> l.startsWith(start))) {
                    return;
                }
            }
            if (run.isDone()) {
                run.get();
                throw new AssertionError("the run ended first; lines: " + lines);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line starting '" + start + "' in a minute: " + lines);
    }

    private Path bareRepository() throws Exception {
        Path seed = Files.createDirectories(temp.resolve("seed"));
        Files.createDirectories(seed.resolve("textkit"));
        Files.writeString(
                seed.resolve("textkit/words.py"), "def count_words(text):\n    return len(text.split()) - 1\n");
        git(seed, "init", "-q", "-b", "main");
        git(seed, "add", "-A");
        git(seed, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "textkit 0.1");
        Path bare = temp.resolve("textkit.git");
        git(temp, "clone", "-q", "--bare", seed.toString(), bare.toString());
        return bare;
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
