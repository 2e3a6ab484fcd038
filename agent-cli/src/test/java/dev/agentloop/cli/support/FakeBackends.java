package dev.agentloop.cli.support;

import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.env.Backends;
import dev.agentloop.cli.env.DoctorCheck;
import dev.agentloop.cli.env.MemoryAdmin;
import dev.agentloop.cli.env.MemoryReader;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.env.RunRequest;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;

/**
 * Backends for in-process command tests: a {@link FakeMemory}, doctor checks given by the test, and runs whose
 * events and result the test scripts. A run can be made to block until cancelled.
 */
public final class FakeBackends implements Backends {

    public final FakeMemory memory = new FakeMemory();
    public final List<RunRequest> requests = new CopyOnWriteArrayList<>();
    public final List<DoctorCheck> checks = new ArrayList<>();
    /** Events to emit (after RunStarted) for a request, and the result to end with. */
    public BiFunction<RunRequest, Instant, List<AgentEvent>> events = (r, at) -> List.of();

    public BiFunction<RunRequest, Instant, AgentResult> result = (r, at) ->
            new AgentResult.Solved(r.task().id(), Map.of(), 1, 100, 0.0, Duration.ofSeconds(2), Path.of("/tmp/ws"));
    /** When true, runs block until cancelled and end as Stopped(CANCELLED). */
    public volatile boolean blockUntilCancelled;
    /** Counted down when a run has started (for tests that cancel). */
    public final CountDownLatch started = new CountDownLatch(1);

    public RuntimeException failOnStart;

    @Override
    public FailureMemory openMemory(CliConfig config) {
        return memory;
    }

    @Override
    public MemoryReader openReader(CliConfig config) {
        return new MemoryReader() {
            @Override
            public List<TaskSummary> history(HistoryQuery query) {
                return memory.history(query);
            }

            @Override
            public Optional<TaskDetail> task(String idOrPrefix) {
                return memory.task(idOrPrefix);
            }

            @Override
            public Map<String, String> stats() {
                return Map.of(
                        "tasks",
                        Integer.toString(
                                memory.history(HistoryQuery.latest(1000)).size()));
            }

            @Override
            public void close() {
                memory.close();
            }
        };
    }

    @Override
    public MemoryAdmin openMemoryAdmin(CliConfig config, boolean forReembed) {
        return new MemoryAdmin() {
            @Override
            public String schemaVersion() {
                return "2";
            }

            @Override
            public long reembed(Progress progress) {
                progress.update(1, 1);
                return 1;
            }
        };
    }

    @Override
    public RunHandle startRun(RunRequest request) {
        if (failOnStart != null) {
            throw failOnStart;
        }
        requests.add(request);
        Instant at = Instant.parse("2025-01-01T10:00:00Z");
        CompletableFuture<AgentResult> done = new CompletableFuture<>();
        CountDownLatch cancelled = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            var task = request.task();
            memory.recordTask(new TaskRecord(task.id(), task.text(), task.language(), task.projectType(), "", at));
            request.listener()
                    .onEvent(new RunStarted(
                            task.id(),
                            0,
                            at,
                            task.text(),
                            task.language(),
                            request.config().integer("loop.max-iterations")));
            started.countDown();
            AgentResult r;
            if (blockUntilCancelled) {
                try {
                    cancelled.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                r = new AgentResult.Stopped(
                        task.id(),
                        StopReason.CANCELLED,
                        "cancelled by the user",
                        1,
                        0,
                        0,
                        Duration.ofSeconds(1),
                        Path.of("/tmp/ws"));
            } else {
                events.apply(request, at).forEach(request.listener()::onEvent);
                r = result.apply(request, at);
            }
            TaskStatus status = r instanceof AgentResult.Solved
                    ? TaskStatus.SOLVED
                    : r instanceof AgentResult.Stopped ? TaskStatus.STOPPED : TaskStatus.FAILED;
            String reason = r instanceof AgentResult.Stopped s ? s.reason().name() : "";
            memory.completeTask(new TaskCompletion(
                    task.id(), status, reason, r.iterations(), r.tokens(), r.cost(), r.elapsed(), at.plusSeconds(2)));
            request.listener().onEvent(new RunFinished(task.id(), r.iterations(), at.plusSeconds(2), r));
            done.complete(r);
        });
        thread.start();
        return new RunHandle() {
            @Override
            public void cancel() {
                cancelled.countDown();
            }

            @Override
            public AgentResult await() throws InterruptedException {
                try {
                    return done.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Override
    public List<DoctorCheck> doctorChecks(CliConfig config) {
        return checks;
    }
}
