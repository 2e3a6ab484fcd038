package dev.agentloop.cli.support;

import dev.agentloop.cli.EnvironmentNotReadyException;
import dev.agentloop.cli.config.CliConfig;
import dev.agentloop.cli.env.AgentWiring;
import dev.agentloop.cli.env.Backends;
import dev.agentloop.cli.env.DoctorCheck;
import dev.agentloop.cli.env.MemoryAdmin;
import dev.agentloop.cli.env.MemoryReader;
import dev.agentloop.cli.env.RunHandle;
import dev.agentloop.cli.env.RunRequest;
import dev.agentloop.cli.env.SharedAgent;
import dev.agentloop.cli.env.SharedAgentRequest;
import dev.agentloop.core.Agent;
import dev.agentloop.core.AgentConfig;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Role;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.model.RoleAwareChatModel;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.HistoryQuery;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskDetail;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import dev.agentloop.core.spi.TaskSummary;
import dev.agentloop.core.spi.TestReport;
import dev.agentloop.core.spi.TestRequest;
import dev.agentloop.core.testing.FakeSandbox;
import dev.agentloop.memory.EmbeddingModels;
import dev.agentloop.memory.InMemoryFailureMemory;
import dev.agentloop.memory.IndexBuildProgress;
import dev.agentloop.memory.IndexBuildSettings;
import dev.agentloop.memory.ReindexListener;
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
    /** The settings each `agent memory reindex` asked for. */
    public final List<IndexBuildSettings> reindexSettings = new CopyOnWriteArrayList<>();

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

            @Override
            public List<String> reindex(IndexBuildSettings settings, ReindexListener listener) {
                reindexSettings.add(settings);
                listener.progress(new IndexBuildProgress(
                        "failures_embedding_hnsw",
                        "building index: loading tuples",
                        500,
                        1000,
                        IndexBuildProgress.Unit.BLOCKS));
                listener.progress(new IndexBuildProgress(
                        "failures_embedding_hnsw",
                        IndexBuildProgress.DONE,
                        1000,
                        1000,
                        IndexBuildProgress.Unit.TUPLES));
                return List.of("failures_embedding_hnsw");
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

    /** The batches opened, in order. */
    public final List<SharedAgentRequest> sharedRequests = new CopyOnWriteArrayList<>();

    /**
     * The sandbox of batches: nothing runs; a test run fails when one of its test files asks for the right answer
     * ({@value #REQUIRES_RIGHT}) and a source file of the workspace holds {@value #WRONG}; every other run passes.
     */
    public final FakeSandbox sandbox = new FakeSandbox().reportWith(FakeBackends::judge);

    /** Marks a test file that only the right answer passes. */
    public static final String REQUIRES_RIGHT = "REQUIRES_RIGHT";

    /** Marks a wrong answer. */
    public static final String WRONG = "WRONG";

    /**
     * Opens a real {@link Agent} over {@link #sandbox}, with the request's model (a batch without --gold has none
     * here and fails), the memory it names ({@link #memory} for on) and the request's decorator.
     */
    @Override
    public dev.agentloop.cli.env.ServerParts openServer(dev.agentloop.cli.env.ServerRequest request) {
        throw new UnsupportedOperationException("the fake backends do not serve; agent serve is tested with real ones");
    }

    @Override
    public SharedAgent openShared(SharedAgentRequest request) {
        if (failOnStart != null) {
            throw failOnStart;
        }
        sharedRequests.add(request);
        RoleAwareChatModel model = request.model()
                .orElseThrow(() -> new EnvironmentNotReadyException(
                        "No model endpoint in these tests.", "run the batch with --gold", null));
        AgentConfig config = AgentWiring.agentConfig(request.config(), Path.of("."));
        FailureMemory shared = switch (request.memory()) {
            case ON -> memory;
            case OFF -> FailureMemory.none();
            case FRESH -> InMemoryFailureMemory.of(EmbeddingModels.hashing(64));
        };
        Agent.Builder builder = Agent.builder();
        for (Role role : Role.values()) {
            builder.chatModel(role, request.decorator().decorate(role, model.forRole(role), config));
        }
        Agent agent = builder.sandbox(sandbox)
                .memory(shared)
                .config(config)
                .listener(request.listener())
                .approvalHandler(request.approvals())
                .workspaceRoot(request.workspaceRoot())
                .build();
        return new SharedAgent(agent, sandbox, List.of());
    }

    private static TestReport judge(TestRequest request, Path workspace) {
        boolean strict = request.testFiles().stream()
                .anyMatch(f -> read(workspace.resolve(f)).contains(REQUIRES_RIGHT));
        boolean wrong;
        try (var files = java.nio.file.Files.walk(workspace)) {
            wrong = files.filter(java.nio.file.Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("test_"))
                    .anyMatch(f -> read(f).contains(WRONG));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return strict && wrong
                ? FakeSandbox.failing("test_hidden", "assert None == 3")
                : FakeSandbox.passing(Math.max(1, request.testFiles().size()));
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The audit trail every command of a test shares. */
    public final dev.agentloop.core.audit.InMemoryAuditTrail audit = new dev.agentloop.core.audit.InMemoryAuditTrail();

    @Override
    public dev.agentloop.core.audit.AuditTrail openAuditTrail(CliConfig config, boolean forWriting) {
        return audit;
    }

    /** What the server's approvals answer in these tests; by default nobody approves. */
    public volatile dev.agentloop.core.spi.ApprovalHandler serverApprovals =
            request -> dev.agentloop.core.spi.ApprovalDecision.deny("timeout", "nobody answered");

    @Override
    public dev.agentloop.cli.env.OpenedApprovals openServerApprovals(CliConfig config, java.time.Duration timeout) {
        return new dev.agentloop.cli.env.OpenedApprovals(serverApprovals, () -> {});
    }

    /** No queue here: as when its database is not reachable. */
    @Override
    public dev.agentloop.cli.env.OpenedQueue openIssueQueue(
            CliConfig config,
            java.util.function.UnaryOperator<dev.agentloop.server.QueuedIssueRunner.Builder> settings) {
        throw new dev.agentloop.cli.EnvironmentNotReadyException(
                "github.runs is queue, but the fake backends have no queue; nothing was claimed.", "none", null);
    }

    @Override
    public List<DoctorCheck> doctorChecks(CliConfig config) {
        return checks;
    }
}
