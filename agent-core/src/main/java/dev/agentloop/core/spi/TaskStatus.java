package dev.agentloop.core.spi;

/** A stored task's status. */
public enum TaskStatus {
    /** The run is going (or its process died before recording an end). */
    RUNNING,
    /** The tests passed. */
    SOLVED,
    /** A circuit breaker or a cancellation stopped the run. */
    STOPPED,
    /** The run broke on an error (model, sandbox, memory, source). */
    FAILED
}
