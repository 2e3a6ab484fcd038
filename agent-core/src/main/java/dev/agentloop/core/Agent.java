package dev.agentloop.core;

import dev.agentloop.core.internal.loop.AgentLoop;
import dev.agentloop.core.internal.loop.LoopDependencies;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.internal.workspace.WorkspaceRoot;
import dev.agentloop.core.model.ApproxTokenCountEstimator;
import dev.agentloop.core.model.RoleAwareChatModel;
import dev.agentloop.core.spi.AgentListener;
import dev.agentloop.core.spi.ApprovalHandler;
import dev.agentloop.core.spi.ClarificationHandler;
import dev.agentloop.core.spi.FailureMemory;
import dev.agentloop.core.spi.Sandbox;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent loop: give it a {@link Task}, it plans, codes, tests and reflects until the tests pass or the circuit
 * breaker stops it.
 *
 * <pre>{@code
 * Agent agent = Agent.builder().chatModel(model).sandbox(sandbox).memory(memory).build();
 * AgentResult result = agent.run(Task.of("a function that parses ISO dates"));
 * }</pre>
 *
 * <p>An {@code Agent} holds no per-run state: it may run several tasks, one after another or at the same time (each
 * run has its own workspace folder and sandbox session). It does not own the model, memory or sandbox it was given
 * and never closes them.
 *
 * <p>Nothing outside the workspace root is written. Without {@link Builder#workspaceRoot(Path)}, workspaces go to a
 * temporary folder made on the first run; each run's workspace is removed when the run ends (the result's
 * {@link AgentResult#files()} holds the code) and the temporary folder by {@link #close()}, unless
 * {@link Builder#keepWorkspaces(boolean)} says to keep them.
 */
public final class Agent implements AutoCloseable {

    private final LoopDependencies dependencies;

    private Agent(LoopDependencies dependencies) {
        this.dependencies = dependencies;
    }

    /** {@return a new builder; see {@link Builder} for what is required and the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a task on the calling thread's behalf and waits for it. Never throws for what happens inside the run: a
     * model, sandbox or memory error ends as {@link AgentResult.Failed} with a one-sentence message. If the calling
     * thread is interrupted, the run is cancelled and ends as {@link AgentResult.Stopped} with
     * {@link StopReason#CANCELLED}; the interrupt flag is restored.
     *
     * @param task the task, never null
     * @return the run's outcome, never null
     */
    public AgentResult run(Task task) {
        return start(task).await();
    }

    /**
     * Starts a task on a new thread and returns at once; {@link AgentRun#cancel()} stops it from any thread (the
     * CLI's Ctrl-C) and {@link AgentRun#await()} waits for its result.
     *
     * @param task the task, never null
     * @return the running task, to cancel or await
     */
    public AgentRun start(Task task) {
        Objects.requireNonNull(task, "task");
        dependencies.workspaceRoot().path(); // a temporary root that cannot be made fails here, not inside the run
        AgentLoop loop = new AgentLoop(dependencies, task, Optional.empty());
        return AgentRun.start(task.id(), loop);
    }

    /**
     * Starts a task from a checkpoint an earlier run of it published, on a new thread, and returns at once: the run
     * settles the spec again, puts the checkpoint's files in its workspace, and goes on at iteration
     * {@code checkpoint.iterations() + 1} with a new plan made knowing the failures met so far. Iterations, tokens
     * and cost count those of the earlier run, so the iteration limit and the budgets hold across both.
     *
     * @param task the same task as the earlier run (same id), never null
     * @param checkpoint the earlier run's last {@link dev.agentloop.core.event.Checkpointed} checkpoint
     * @return the running task, to cancel or await
     * @throws IllegalArgumentException when the task works on a repository source (its working copy is gone with
     *     the earlier run: start it again instead)
     */
    public AgentRun resume(Task task, Checkpoint checkpoint) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (task.source().isPresent()) {
            throw new IllegalArgumentException("Task " + task.id()
                    + " works on a repository source and cannot be resumed from a checkpoint: start it again.");
        }
        dependencies.workspaceRoot().path();
        AgentLoop loop = new AgentLoop(dependencies, task, Optional.of(checkpoint));
        return AgentRun.start(task.id(), loop);
    }

    /** {@return the configuration runs use} */
    public AgentConfig config() {
        return dependencies.config();
    }

    /**
     * The folder under which runs get their workspaces ({@code <root>/<taskId>}): the one given to the builder, or
     * the temporary one (made by this call when no run has made it yet).
     *
     * @return the workspace root, absolute
     * @throws IllegalStateException when the agent is closed and its root was temporary
     */
    public Path workspaceRoot() {
        return dependencies.workspaceRoot().path();
    }

    /**
     * Removes the temporary workspace root and what is left in it, unless workspaces are kept; a root given to the
     * builder is never removed. Call it when no run is going any more. Idempotent; the model, memory and sandbox stay
     * open (the agent does not own them).
     *
     * @throws java.io.UncheckedIOException when a file of the temporary root cannot be removed
     */
    @Override
    public void close() {
        dependencies.workspaceRoot().close();
    }

    /** Builds an {@link Agent}. Only a model (for every role) and a sandbox are required. */
    public static final class Builder {
        private ChatModel defaultModel;
        private final Map<Role, ChatModel> roleModels = new EnumMap<>(Role.class);
        private FailureMemory memory = FailureMemory.none();
        private Sandbox sandbox;
        private AgentConfig config = AgentConfig.ofDefaults();
        private final List<AgentListener> listeners = new ArrayList<>();
        private ClarificationHandler clarificationHandler;
        private ApprovalHandler approvalHandler = ApprovalHandler.denyAll();
        private Clock clock = Clock.systemUTC();
        private Path workspaceRoot;
        private Boolean keepWorkspaces;
        private TokenCountEstimator tokenCountEstimator = new ApproxTokenCountEstimator();
        private Path trajectoryFolder;

        private Builder() {}

        /**
         * The model for every role without its own. A {@link RoleAwareChatModel} (the scripted and replay models)
         * serves each role through {@link RoleAwareChatModel#forRole(Role)}.
         *
         * @param model the chat model
         * @return this builder
         */
        public Builder chatModel(ChatModel model) {
            this.defaultModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The model for one role, e.g. a stronger one for the Coder.
         *
         * @param role the role the model answers for
         * @param model the model for that role, used instead of the default one
         * @return this builder
         */
        public Builder chatModel(Role role, ChatModel model) {
            roleModels.put(Objects.requireNonNull(role, "role"), Objects.requireNonNull(model, "model"));
            return this;
        }

        /**
         * Where failures, fixes and history go. Default {@link FailureMemory#none()}.
         *
         * @param value the memory
         * @return this builder
         */
        public Builder memory(FailureMemory value) {
            this.memory = Objects.requireNonNull(value, "memory");
            return this;
        }

        /**
         * Where generated code runs. Required.
         *
         * @param value the sandbox
         * @return this builder
         */
        public Builder sandbox(Sandbox value) {
            this.sandbox = Objects.requireNonNull(value, "sandbox");
            return this;
        }

        /**
         * Default {@link AgentConfig#ofDefaults()}.
         *
         * @param value the config
         * @return this builder
         */
        public Builder config(AgentConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order added.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(AgentListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Who answers the Reprompter's open questions and the breaker's last escalation step. Default none: the
         * loop records its assumptions instead, and skips the "ask the person" step.
         *
         * @param value the clarification handler
         * @return this builder
         */
        public Builder clarificationHandler(ClarificationHandler value) {
            this.clarificationHandler = Objects.requireNonNull(value, "clarificationHandler");
            return this;
        }

        /**
         * Who approves dependencies, risky commands and (in manual mode) phases. Default: deny all.
         *
         * @param value the approval handler
         * @return this builder
         */
        public Builder approvalHandler(ApprovalHandler value) {
            this.approvalHandler = Objects.requireNonNull(value, "approvalHandler");
            return this;
        }

        /**
         * The clock for timestamps, durations and the deadline. Default {@link Clock#systemUTC()}.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The folder under which each task gets its workspace folder ({@code <root>/<taskId>}); created when missing,
         * never removed by the agent. Default: a temporary folder made on the first run and removed by
         * {@link Agent#close()}. Repository mode also keeps a cache of parsed symbols there ({@code .symbols}).
         *
         * @param value the workspace root
         * @return this builder
         */
        public Builder workspaceRoot(Path value) {
            this.workspaceRoot = Objects.requireNonNull(value, "workspaceRoot");
            return this;
        }

        /**
         * Whether a run's workspace stays after the run ends, to look at the code where it ran. Default: kept under a
         * {@link #workspaceRoot(Path) root you chose}, removed under the temporary one. Either way the result's
         * {@link AgentResult#files()} holds the code; on an existing project, the private copy is always removed and
         * the result's handoff holds the branch and patch.
         *
         * @param value whether to keep workspaces
         * @return this builder
         */
        public Builder keepWorkspaces(boolean value) {
            this.keepWorkspaces = value;
            return this;
        }

        /**
         * How prompt sizes are estimated for context hygiene. Default {@link ApproxTokenCountEstimator}.
         *
         * @param value the token count estimator
         * @return this builder
         */
        public Builder tokenCountEstimator(TokenCountEstimator value) {
            this.tokenCountEstimator = Objects.requireNonNull(value, "tokenCountEstimator");
            return this;
        }

        /**
         * Records every model call of each run to a JSONL trajectory of its own (secrets redacted), replayable with
         * {@link dev.agentloop.core.model.ReplayChatModel}: {@code <folder>/<task id>.jsonl}, or {@code <task
         * id>-2.jsonl} and so on when a run of the same task left one, so concurrent and repeated runs never
         * overwrite each other. The folder is created when missing. {@code null} (default) records nothing.
         *
         * @param folder the record trajectories
         * @return this builder
         */
        public Builder recordTrajectories(Path folder) {
            this.trajectoryFolder = folder;
            return this;
        }

        /**
         * @return the agent, ready to run tasks
         * @throws IllegalStateException when the sandbox is missing or a role has no model; the message names them
         */
        public Agent build() {
            if (sandbox == null) {
                throw new IllegalStateException("An agent needs a sandbox: call sandbox(...) on the builder.");
            }
            Map<Role, ChatModel> models = new EnumMap<>(Role.class);
            List<String> missing = new ArrayList<>();
            for (Role role : Role.values()) {
                ChatModel model = roleModels.get(role);
                if (model == null && defaultModel != null) {
                    model = defaultModel instanceof RoleAwareChatModel aware ? aware.forRole(role) : defaultModel;
                }
                if (model == null) {
                    missing.add(role.id());
                } else {
                    models.put(role, model);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No model for role(s) " + String.join(", ", missing)
                        + ": call chatModel(model) for a default or chatModel(role, model) for each.");
            }
            return new Agent(new LoopDependencies(
                    models,
                    memory,
                    sandbox,
                    config,
                    AgentListener.all(listeners),
                    Optional.ofNullable(clarificationHandler),
                    approvalHandler,
                    clock,
                    workspaceRoot == null
                            ? WorkspaceRoot.temporary(keepWorkspaces != null && keepWorkspaces)
                            : WorkspaceRoot.at(workspaceRoot, keepWorkspaces == null || keepWorkspaces),
                    tokenCountEstimator,
                    Optional.ofNullable(trajectoryFolder),
                    new PromptLibrary(config.promptFolder())));
        }
    }
}
