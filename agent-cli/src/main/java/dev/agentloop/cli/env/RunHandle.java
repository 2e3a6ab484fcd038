package dev.agentloop.cli.env;

import dev.agentloop.core.AgentResult;

/** A run in progress. */
public interface RunHandle {

    /**
     * Asks the run to stop; it removes its sandbox, records the iteration as cancelled and ends with a
     * {@code Stopped(CANCELLED)} result. Idempotent, returns at once.
     */
    void cancel();

    /**
     * Waits for the run to end.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the run goes on; cancel it)
     */
    AgentResult await() throws InterruptedException;
}
