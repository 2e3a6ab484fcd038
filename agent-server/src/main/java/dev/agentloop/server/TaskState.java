package dev.agentloop.server;

import java.util.Locale;

/** Where a submitted task is: waiting in the queue, running on a worker, or in one of the terminal states. */
public enum TaskState {
    /** Submitted and waiting for a worker (also after its worker died, until another takes it). */
    QUEUED,
    /** A worker is running it. */
    RUNNING,
    /** Its tests passed. */
    SOLVED,
    /** The circuit breaker stopped it (iterations, repeated failure, budget, deadline, daily cost cap). */
    STOPPED,
    /** An error ended it. */
    FAILED,
    /** Cancelled through the API. */
    CANCELLED;

    /** {@return the lower-case name the API uses} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@return whether the task has ended and will not change again} */
    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    /**
     * @param value the lower-case name
     * @return the state
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static TaskState fromId(String value) {
        for (TaskState s : values()) {
            if (s.id().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown status '" + value + "'; allowed: queued, running, solved, stopped, failed, cancelled");
    }
}
