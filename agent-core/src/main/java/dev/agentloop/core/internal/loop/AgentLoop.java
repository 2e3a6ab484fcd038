package dev.agentloop.core.internal.loop;

import dev.agentloop.core.AgentException;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.Checkpoint;
import dev.agentloop.core.LogContext;
import dev.agentloop.core.Phase;
import dev.agentloop.core.StopReason;
import dev.agentloop.core.Task;
import dev.agentloop.core.event.AgentWarning;
import dev.agentloop.core.event.BreakerTripped;
import dev.agentloop.core.event.HandedOff;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.event.RunResumed;
import dev.agentloop.core.event.RunStarted;
import dev.agentloop.core.internal.breaker.CircuitBreaker;
import dev.agentloop.core.internal.breaker.Trip;
import dev.agentloop.core.internal.repomap.SymbolCache;
import dev.agentloop.core.internal.role.RoleCaller;
import dev.agentloop.core.internal.workspace.Workspace;
import dev.agentloop.core.model.SecretRedactor;
import dev.agentloop.core.model.TrajectoryRecorder;
import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.core.source.WorkingCopy;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ApprovalRecord;
import dev.agentloop.core.spi.SandboxException;
import dev.agentloop.core.spi.SandboxSession;
import dev.agentloop.core.spi.SandboxSpec;
import dev.agentloop.core.spi.TaskCompletion;
import dev.agentloop.core.spi.TaskRecord;
import dev.agentloop.core.spi.TaskStatus;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One run of the loop for one task: opens the workspace, the sandbox session and the trajectory, hands them to a
 * {@link Run}, and whatever happens turns the end into an {@link AgentResult}, closes what it opened (a cleanup
 * failure is added as suppressed to the first error, never replacing it) and tells the memory and the listeners.
 */
public final class AgentLoop {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);

    /** Parsed symbols of projects' files, under the workspace root, shared by runs (keyed by content). */
    static final String SYMBOL_CACHE = ".symbols";

    private static final String INTERNAL_PACKAGE = "dev.agentloop.core.internal.";

    private final LoopDependencies deps;
    private final Task task;
    private final Clock clock;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Optional<Checkpoint> resumeFrom;

    /**
     * @param resumeFrom where an earlier run of the task stood, to go on from; empty to start from the beginning
     */
    public AgentLoop(LoopDependencies deps, Task task, Optional<Checkpoint> resumeFrom) {
        this.deps = deps;
        this.task = task;
        this.resumeFrom = resumeFrom;
        this.clock = deps.clock();
    }

    /** Asks the run to stop; true the first time. */
    public boolean cancel() {
        return cancelled.compareAndSet(false, true);
    }

    /** Runs to the end. Never throws for what happens in the run. */
    public AgentResult run() {
        Map<String, String> outerLogContext = logContext();
        try {
            MDC.put(LogContext.TASK_ID, task.id().toString());
            MDC.put(LogContext.ITERATION, "0");
            MDC.put(LogContext.PHASE, Phase.INIT.name());
            return runInContext();
        } finally {
            outerLogContext.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    /** The log context keys' values before the run (null where unset), so they can be put back. */
    private static Map<String, String> logContext() {
        Map<String, String> values = new java.util.HashMap<>();
        for (String key : List.of(LogContext.TASK_ID, LogContext.ITERATION, LogContext.PHASE)) {
            values.put(key, MDC.get(key));
        }
        return values;
    }

    private AgentResult runInContext() {
        Instant start = clock.instant();
        RunState state = new RunState(clock);
        Events events = new Events(deps.listener());
        SafeMemory memory = new SafeMemory(deps.memory(), events, clock, task.id(), state::iteration);
        CircuitBreaker breaker = new CircuitBreaker(deps.config().breaker(), clock, start, cancelled::get);
        Path folder = deps.workspaceRoot().folderFor(task.id());

        events.publish(new RunStarted(
                task.id(), 0, start, task.text(), task.language(), deps.config().maxIterations()));
        resumeFrom.ifPresent(checkpoint -> {
            state.resumeAfter(checkpoint.iterations());
            breaker.carry(checkpoint.tokens(), checkpoint.cost());
            events.publish(new RunResumed(
                    task.id(),
                    checkpoint.iterations(),
                    start,
                    checkpoint.files().size(),
                    checkpoint.tokens(),
                    checkpoint.cost()));
            LOG.info("Run resumed after iteration {}", checkpoint.iterations());
        });
        events.publish(new PhaseEntered(task.id(), state.iteration(), start, Phase.INIT));
        TaskRecord taskRecord =
                new TaskRecord(task.id(), task.text(), task.language(), task.projectType(), task.project(), start);
        boolean recorded = false;
        if (task.source().isEmpty()) {
            memory.recordTask(taskRecord);
            recorded = true;
        }
        LOG.info(
                "Run started: {} ({}, {})",
                oneLine(task.text()),
                task.language().id(),
                task.projectType().id());

        TrajectoryRecorder trajectory = null;
        SandboxSession session = null;
        WorkingCopy copy = null;
        Run run = null;
        Throwable error = null;
        AgentResult result;
        try {
            trajectory = deps.trajectoryFolder()
                    .map(dir -> TrajectoryRecorder.newInFolder(dir, task.id(), SecretRedactor.ofSystemEnvironment()))
                    .orElse(null);
            Path root = folder;
            if (task.source().isPresent()) {
                try {
                    copy = task.source().get().open(new CopyRequest(task.id(), folder, task.title()));
                } finally {
                    // the task is recorded with the repository it works on, or without when the copy failed
                    memory.recordTask(copy == null ? taskRecord : taskRecord.withRepository(copy.repository()));
                    recorded = true;
                }
                root = copy.root();
            }
            Workspace workspace = new Workspace(root);
            ApprovalHandler approvals = recording(deps.approvalHandler(), memory, state);
            session = deps.sandbox()
                    .open(new SandboxSpec(
                            task.id(),
                            task.language(),
                            task.projectType(),
                            workspace.root(),
                            events::publish,
                            approvals,
                            copy != null));
            ModelGateway gateway = new ModelGateway(
                    deps.models(),
                    deps.config(),
                    breaker,
                    deps.tokenCountEstimator(),
                    events,
                    clock,
                    java.util.Optional.ofNullable(trajectory),
                    state,
                    task.id(),
                    cancelled::get);
            RoleCaller caller = new RoleCaller(
                    gateway,
                    deps.prompts(),
                    deps.tokenCountEstimator(),
                    deps.config().hygiene().maxPromptTokens(),
                    session.environment());
            RunContext context = new RunContext(task, deps.config(), clock, start, state, events, memory, breaker);
            // The phase gate records its own decisions (also the default deny when the handler throws), so it gets
            // the plain handler; the recording one is for the sandbox's requests.
            Optional<Project> project = copy == null
                    ? Optional.empty()
                    : Optional.of(new ProjectOpener(
                                    context,
                                    SymbolCache.inFolder(
                                            deps.workspaceRoot().path().resolve(SYMBOL_CACHE)),
                                    deps.tokenCountEstimator())
                            .open(copy, session));
            run = new Run(
                    context,
                    workspace,
                    session,
                    deps.clarificationHandler(),
                    deps.approvalHandler(),
                    caller,
                    project,
                    resumeFrom);
            run.execute();
            Optional<Handoff> handoff = Optional.empty();
            if (copy != null) {
                handoff = Optional.of(copy.handOff(commitMessage(state.iteration(), run.lastSummary())));
                events.publish(new HandedOff(task.id(), state.iteration(), clock.instant(), handoff.get()));
            }
            result = new AgentResult.Solved(
                    task.id(),
                    run.files(),
                    state.iteration(),
                    breaker.tokens(),
                    breaker.cost(),
                    Duration.between(start, clock.instant()),
                    root,
                    handoff);
        } catch (StopSignal stop) {
            result = stopped(stop.trip(), state, breaker, start, folder, events);
        } catch (RuntimeException | Error e) {
            if (cancelled.get()) {
                // an interrupted model or sandbox call surfaces as an error: the cause is the cancel
                result = stopped(
                        new Trip(StopReason.CANCELLED, "cancelled by the caller"),
                        state,
                        breaker,
                        start,
                        folder,
                        events);
            } else {
                error = publicCause(e);
                LOG.warn("Run failed: {}", describe(e), e);
                result = new AgentResult.Failed(
                        task.id(),
                        describe(e),
                        error,
                        state.iteration(),
                        breaker.tokens(),
                        breaker.cost(),
                        Duration.between(start, clock.instant()),
                        folder);
            }
        }
        // Cleanup must not be cut short by the cancel's interrupt.
        boolean interrupted = Thread.interrupted();
        try {
            close(session, "sandbox session", error, events, state);
            close(trajectory, "trajectory", error, events, state);
            close(copy, "working copy", error, events, state);
            close(() -> deps.workspaceRoot().release(folder), "workspace", error, events, state);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (state.phase() != Phase.DONE) {
            state.moveTo(Phase.DONE);
            events.publish(new PhaseEntered(task.id(), state.iteration(), clock.instant(), Phase.DONE));
        }
        if (!recorded) {
            memory.recordTask(taskRecord);
        }
        TaskCompletion completion = completion(result);
        if (result instanceof AgentResult.Solved solved && solved.handoff().isPresent()) {
            completion = completion.withHandoff(solved.handoff().get());
        }
        memory.completeTask(completion);
        events.publish(new RunFinished(task.id(), state.iteration(), clock.instant(), result));
        LOG.info("Run ended: {}", summary(result));
        return result;
    }

    private AgentResult stopped(
            Trip trip, RunState state, CircuitBreaker breaker, Instant start, Path folder, Events events) {
        if (trip.reason() != StopReason.CANCELLED) {
            events.publish(
                    new BreakerTripped(task.id(), state.iteration(), clock.instant(), trip.reason(), trip.detail()));
        }
        return new AgentResult.Stopped(
                task.id(),
                trip.reason(),
                trip.detail(),
                state.iteration(),
                breaker.tokens(),
                breaker.cost(),
                Duration.between(start, clock.instant()),
                folder);
    }

    /** Closes a resource; a failure is suppressed into the run's error, or else reported as a warning. */
    private void close(AutoCloseable resource, String what, Throwable error, Events events, RunState state) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            if (error != null) {
                error.addSuppressed(e);
            } else {
                LOG.warn("Closing the {} failed: {}", what, e.toString(), e);
                events.publish(new AgentWarning(
                        task.id(),
                        state.iteration(),
                        clock.instant(),
                        "cleanup",
                        "Closing the " + what + " failed: " + e.getMessage()));
            }
        }
    }

    private ApprovalHandler recording(ApprovalHandler delegate, SafeMemory memory, RunState state) {
        // The sandbox, which asks, publishes the ApprovalDecided event; publishing here too showed every
        // dependency decision twice. This wrapper only makes sure the decision is stored.
        return request -> {
            var decision = delegate.decide(request);
            memory.recordApproval(new ApprovalRecord(request, decision, state.iteration(), clock.instant()));
            return decision;
        };
    }

    /** The handed-off commit's message: the task's first line, a blank line, what the run did. */
    private String commitMessage(int iterations, String lastSummary) {
        return task.title() + "\n\n" + "Made by agentloop (task " + task.id() + ") in " + iterations
                + (iterations == 1 ? " iteration" : " iterations") + ": " + lastSummary + "\n";
    }

    /**
     * The failure as a caller may name it: an exception of the library's internal packages is wrapped in an
     * {@link AgentException} with the same message (itself the cause), so {@code Failed.cause()} is always a public
     * type.
     */
    static Throwable publicCause(Throwable e) {
        if (e.getClass().getName().startsWith(INTERNAL_PACKAGE)) {
            return new AgentException(e.getMessage(), e);
        }
        return e;
    }

    /** One sentence for a person. */
    static String describe(Throwable e) {
        if (e instanceof SourceException) {
            return e.getMessage();
        }
        if (e instanceof SandboxException) {
            return "The sandbox failed: " + e.getMessage();
        }
        if (e instanceof AgentException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException) {
            return "Reading or writing the workspace failed: " + e.getMessage();
        }
        return "The run failed unexpectedly: " + e;
    }

    private TaskCompletion completion(AgentResult result) {
        TaskStatus status;
        String reason;
        if (result instanceof AgentResult.Solved) {
            status = TaskStatus.SOLVED;
            reason = "";
        } else if (result instanceof AgentResult.Stopped s) {
            status = TaskStatus.STOPPED;
            reason = s.reason() + ": " + s.detail();
        } else {
            status = TaskStatus.FAILED;
            reason = ((AgentResult.Failed) result).message();
        }
        return new TaskCompletion(
                task.id(),
                status,
                reason,
                result.iterations(),
                result.tokens(),
                result.cost(),
                result.elapsed(),
                clock.instant());
    }

    private static String summary(AgentResult result) {
        if (result instanceof AgentResult.Solved s) {
            return "solved in " + s.iterations() + " iteration(s)";
        }
        if (result instanceof AgentResult.Stopped s) {
            return "stopped (" + s.reason() + "): " + s.detail();
        }
        return "failed: " + ((AgentResult.Failed) result).message();
    }

    private static String oneLine(String text) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
