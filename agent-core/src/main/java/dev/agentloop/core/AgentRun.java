package dev.agentloop.core;

import dev.agentloop.core.internal.loop.AgentLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run started by {@link Agent#start(Task)}: cancel it from any thread, wait for its result.
 *
 * <p>Cancelling is cooperative and prompt: the loop checks before every phase and every model call, and the run's
 * thread is interrupted so a blocking model or sandbox call returns early. The sandbox session is always closed and
 * the memory told how the task ended, also on cancel.
 */
public final class AgentRun {

    private final UUID taskId;
    private final AgentLoop loop;
    private final CompletableFuture<AgentResult> result = new CompletableFuture<>();
    private final Thread thread;

    private AgentRun(UUID taskId, AgentLoop loop) {
        this.taskId = taskId;
        this.loop = loop;
        this.thread = new Thread(this::execute, "agentloop-" + taskId.toString().substring(0, 8));
        this.thread.setDaemon(false);
    }

    static AgentRun start(UUID taskId, AgentLoop loop) {
        AgentRun run = new AgentRun(taskId, loop);
        run.thread.start();
        return run;
    }

    private void execute() {
        try {
            result.complete(loop.run());
        } catch (Throwable t) { // the loop turns errors into results; this is the last guard of the thread
            result.completeExceptionally(t);
        }
    }

    /** {@return the id of the task being run} */
    public UUID taskId() {
        return taskId;
    }

    /**
     * Asks the run to stop. Idempotent; returns at once. The run ends as {@link AgentResult.Stopped} with
     * {@link StopReason#CANCELLED} unless it had already ended.
     */
    public void cancel() {
        if (loop.cancel()) {
            thread.interrupt();
        }
    }

    /** {@return whether the run has ended} A finished run's {@link #await()} returns at once. */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Waits for the result. If the waiting thread is interrupted, the run is cancelled, its result is still
     * awaited, and the interrupt flag is restored before returning.
     *
     * @return the run's outcome, never null
     * @throws AgentException only if the loop itself broke (a bug), never for a failed run
     */
    public AgentResult await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                }
            }
        } catch (ExecutionException e) {
            throw new AgentException("The agent loop broke: " + e.getCause(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits at most {@code limit} for the result.
     *
     * @param limit the longest time to wait
     * @return the result, or empty when the run is still going
     * @throws InterruptedException when the waiting thread is interrupted (the run goes on)
     */
    public Optional<AgentResult> await(Duration limit) throws InterruptedException {
        Objects.requireNonNull(limit, "limit");
        try {
            return Optional.of(result.get(limit.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new AgentException("The agent loop broke: " + e.getCause(), e.getCause());
        }
    }
}
