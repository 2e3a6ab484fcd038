package dev.agentloop.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An approval as stored: what was asked, what was decided, when, and in which iteration.
 *
 * @param request what was asked
 * @param decision what was decided, by whom
 * @param iteration the iteration it was asked in
 * @param decidedAt when it was decided
 */
public record ApprovalRecord(ApprovalRequest request, ApprovalDecision decision, int iteration, Instant decidedAt) {

    /**
     * Checks the components: none may be null.
     *
     * @param request what was asked
     * @param decision what was decided, by whom
     * @param iteration the iteration it was asked in
     * @param decidedAt when it was decided
     */
    public ApprovalRecord {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
