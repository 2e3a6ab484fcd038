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

    /** {@return the id of the task this result is for} */
    UUID taskId();

    /**
     * Iterations started, counting the last one.
     *
     * @return the number of iterations
     */
    int iterations();

    /** {@return tokens used by every model call of the run, input and output} */
    long tokens();

    /**
     * Estimated cost of the run's model calls, in the currency of the configured prices.
     *
     * @return the estimated cost, 0 when no prices are configured
     */
    double cost();

    /** {@return the wall-clock time from the run's start to its end} */
    Duration elapsed();

    /**
     * {@return the task's workspace, where the generated code ran} It exists after the run only when the agent keeps
     * workspaces (see {@link Agent.Builder#keepWorkspaces(boolean)}); {@link #files()} always holds a solved run's
     * code.
     */
    Path workspace();

    /** {@return whether the tests passed: true for {@link Solved} only} */
    default boolean isSolved() {
        return false;
    }

    /** {@return what stopped the run, for {@link Stopped}; empty otherwise} */
    default Optional<StopReason> stopReason() {
        return Optional.empty();
    }

    /** {@return the one-sentence error, for {@link Failed}; empty otherwise} */
    default Optional<String> failureMessage() {
        return Optional.empty();
    }

    /**
     * The files the run wrote, workspace-relative path to final content, for {@link Solved}; empty (never null)
     * otherwise.
     *
     * @return the files, unmodifiable
     */
    default Map<String, String> files() {
        return Map.of();
    }

    /** {@return the branch and patch handed back on an existing project, for {@link Solved}; empty otherwise} */
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
     * The tests passed.
     *
     * @param taskId the task's id
     * @param files each workspace-relative path the run wrote, to its final content
     * @param iterations iterations started, counting the last one
     * @param tokens tokens used by every model call of the run
     * @param cost estimated cost of the run's model calls
     * @param elapsed wall-clock time of the run
     * @param workspace the task's workspace
     * @param handoff on an existing project, the branch and the patch; empty otherwise
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
        /**
         * Checks the components; {@code handoff} may be null for none, {@code files} is copied.
         *
         * @param taskId the task's id
         * @param files each workspace-relative path the run wrote, to its final content
         * @param iterations iterations started, counting the last one
         * @param tokens tokens used by every model call of the run
         * @param cost estimated cost of the run's model calls
         * @param elapsed wall-clock time of the run
         * @param workspace the task's workspace
         * @param handoff on an existing project, the branch and the patch; empty otherwise
         */
        public Solved {
            Objects.requireNonNull(taskId, "taskId");
            files = Map.copyOf(files);
            handoff = handoff == null ? Optional.empty() : handoff;
        }

        /**
         * A greenfield result (no source, no handoff).
         *
         * @param taskId the task's id
         * @param files the files the run wrote, workspace-relative path to content
         * @param iterations iterations started
         * @param tokens tokens used
         * @param cost estimated cost
         * @param elapsed wall-clock time of the run
         * @param workspace the task's workspace
         */
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

    /**
     * The breaker or the caller stopped the run.
     *
     * @param taskId the task's id
     * @param reason what stopped it
     * @param detail what was hit, e.g. "12 of 12 iterations"
     * @param iterations iterations started, counting the last one
     * @param tokens tokens used by every model call of the run
     * @param cost estimated cost of the run's model calls
     * @param elapsed wall-clock time of the run
     * @param workspace the task's workspace
     */
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
        /**
         * Checks the components; a null {@code detail} becomes empty.
         *
         * @param taskId the task's id
         * @param reason what stopped it
         * @param detail what was hit, e.g. "12 of 12 iterations"
         * @param iterations iterations started, counting the last one
         * @param tokens tokens used by every model call of the run
         * @param cost estimated cost of the run's model calls
         * @param elapsed wall-clock time of the run
         * @param workspace the task's workspace
         */
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

    /**
     * An error ended the run.
     *
     * @param taskId the task's id
     * @param message one sentence for a person, the root cause first
     * @param cause the underlying error, always a public type (see {@link AgentResult.Failed#cause()})
     * @param iterations iterations started, counting the last one
     * @param tokens tokens used by every model call of the run
     * @param cost estimated cost of the run's model calls
     * @param elapsed wall-clock time of the run
     * @param workspace the task's workspace
     */
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
        /**
         * Checks the components.
         *
         * @param taskId the task's id
         * @param message one sentence for a person, the root cause first
         * @param cause the underlying error, always a public type (see {@link AgentResult.Failed#cause()})
         * @param iterations iterations started, counting the last one
         * @param tokens tokens used by every model call of the run
         * @param cost estimated cost of the run's model calls
         * @param elapsed wall-clock time of the run
         * @param workspace the task's workspace
         */
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
         *
         * @return whether a later retry may succeed
         */
        public boolean retriable() {
            return cause instanceof AgentException agent && agent.retriable();
        }
    }
}
