package dev.agentloop.core;

import dev.agentloop.core.source.Handoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How a run ended: {@link Solved}, {@link Stopped} by the circuit breaker or the caller, or {@link Failed} by an
 * error the loop could not turn into another iteration.
 */
public sealed interface AgentResult permits AgentResult.Solved, AgentResult.Stopped, AgentResult.Failed {

    UUID taskId();

    /** Iterations started, counting the last one. */
    int iterations();

    /** Tokens used by every model call of the run, input and output. */
    long tokens();

    /** Estimated cost of the run's model calls, in the currency of the configured prices. */
    double cost();

    Duration elapsed();

    /**
     * The task's workspace, where the generated code ran. It exists after the run only when the agent keeps
     * workspaces (see {@link Agent.Builder#keepWorkspaces(boolean)}); {@link #files()} always holds a solved run's
     * code.
     */
    Path workspace();

    /** Whether the tests passed: true for {@link Solved} only. */
    default boolean isSolved() {
        return false;
    }

    /** What stopped the run, for {@link Stopped}; empty otherwise. */
    default Optional<StopReason> stopReason() {
        return Optional.empty();
    }

    /** The one-sentence error, for {@link Failed}; empty otherwise. */
    default Optional<String> failureMessage() {
        return Optional.empty();
    }

    /**
     * The files the run wrote, workspace-relative path to final content, for {@link Solved}; empty (never null)
     * otherwise.
     */
    default Map<String, String> files() {
        return Map.of();
    }

    /** The branch and patch handed back on an existing project, for {@link Solved}; empty otherwise. */
    default Optional<Handoff> handoff() {
        return Optional.empty();
    }

    /**
     * Applies the function for this result's case and returns its value: a {@code switch} over the three cases that
     * compiles on Java 17.
     *
     * @param onSolved called for {@link Solved}
     * @param onStopped called for {@link Stopped}
     * @param onFailed called for {@link Failed}
     * @param <T> what the functions return
     * @return the value of the one function called
     */
    <T> T fold(
            Function<? super Solved, ? extends T> onSolved,
            Function<? super Stopped, ? extends T> onStopped,
            Function<? super Failed, ? extends T> onFailed);

    /**
     * The tests passed. {@code files} maps each workspace-relative path the run wrote to its final content; on an
     * existing project, {@code handoff} holds the branch and the patch.
     */
    record Solved(
            UUID taskId,
            Map<String, String> files,
            int iterations,
            long tokens,
            double cost,
            Duration elapsed,
            Path workspace,
            Optional<Handoff> handoff)
            implements AgentResult {
        public Solved {
            Objects.requireNonNull(taskId, "taskId");
            files = Map.copyOf(files);
            handoff = handoff == null ? Optional.empty() : handoff;
        }

        /** A greenfield result (no source, no handoff). */
        public Solved(
                UUID taskId,
                Map<String, String> files,
                int iterations,
                long tokens,
                double cost,
                Duration elapsed,
                Path workspace) {
            this(taskId, files, iterations, tokens, cost, elapsed, workspace, Optional.empty());
        }

        /** Always true. */
        @Override
        public boolean isSolved() {
            return true;
        }

        @Override
        public <T> T fold(
                Function<? super Solved, ? extends T> onSolved,
                Function<? super Stopped, ? extends T> onStopped,
                Function<? super Failed, ? extends T> onFailed) {
            return onSolved.apply(this);
        }
    }

    /** The breaker or the caller stopped the run; {@code detail} says what was hit, e.g. "12 of 12 iterations". */
    record Stopped(
            UUID taskId,
            StopReason reason,
            String detail,
            int iterations,
            long tokens,
            double cost,
            Duration elapsed,
            Path workspace)
            implements AgentResult {
        public Stopped {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        /** The {@link #reason()}, present. */
        @Override
        public Optional<StopReason> stopReason() {
            return Optional.of(reason);
        }

        @Override
        public <T> T fold(
                Function<? super Solved, ? extends T> onSolved,
                Function<? super Stopped, ? extends T> onStopped,
                Function<? super Failed, ? extends T> onFailed) {
            return onStopped.apply(this);
        }
    }

    /** An error ended the run; {@code message} is one sentence for a person, {@code cause} the underlying error. */
    record Failed(
            UUID taskId,
            String message,
            Throwable cause,
            int iterations,
            long tokens,
            double cost,
            Duration elapsed,
            Path workspace)
            implements AgentResult {
        public Failed {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(message, "message");
        }

        /** The {@link #message()}, present. */
        @Override
        public Optional<String> failureMessage() {
            return Optional.of(message);
        }

        @Override
        public <T> T fold(
                Function<? super Solved, ? extends T> onSolved,
                Function<? super Stopped, ? extends T> onStopped,
                Function<? super Failed, ? extends T> onFailed) {
            return onFailed.apply(this);
        }

        /**
         * Whether running the task again later may succeed: the cause says so ({@link AgentException#retriable()}),
         * as a {@link ModelException} does for an endpoint that rate-limited, timed out, failed with a server error
         * or could not be reached, after its own retries.
         */
        public boolean retriable() {
            return cause instanceof AgentException agent && agent.retriable();
        }
    }
}
