package dev.agentloop.server.internal.queue;

import java.time.Instant;

/**
 * Thrown by a job to put its task back in the queue for {@code when}: the process is closing mid-run (now), or the
 * daily cost cap is reached (the next UTC day). The queue's failure handler reschedules it.
 */
final class RescheduleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Instant when;

    RescheduleException(String message, Instant when) {
        super(message, null, false, false);
        this.when = when;
    }

    Instant when() {
        return when;
    }
}
