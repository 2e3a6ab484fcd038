package dev.agentloop.core.spi;

/** A stored task's status. */
public enum TaskStatus {
    RUNNING,
    SOLVED,
    STOPPED,
    FAILED
}
