package dev.agentloop.core.spi;

import java.util.Objects;
import java.util.UUID;

/**
 * A question for a person (or a policy): may the loop do this?
 *
 * @param taskId the task asking
 * @param kind what is asked for
 * @param subject the thing itself: the dependency name, the command, the phase
 * @param reason why it needs approval, one sentence
 */
public record ApprovalRequest(UUID taskId, ApprovalKind kind, String subject, String reason) {

    /**
     * Checks the components; a null reason becomes empty.
     *
     * @param taskId the task asking
     * @param kind what is asked for
     * @param subject the thing itself: the dependency name, the command, the phase
     * @param reason why it needs approval, one sentence
     */
    public ApprovalRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        reason = reason == null ? "" : reason;
    }
}
