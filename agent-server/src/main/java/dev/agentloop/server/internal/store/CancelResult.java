package dev.agentloop.server.internal.store;

/** What a cancel request did. */
public enum CancelResult {
    /** No such task. */
    NOT_FOUND,
    /** It had already ended. */
    ALREADY_FINISHED,
    /** It was waiting: it is cancelled now. */
    CANCELLED,
    /** It is running: its worker stops it within a moment. */
    REQUESTED
}
