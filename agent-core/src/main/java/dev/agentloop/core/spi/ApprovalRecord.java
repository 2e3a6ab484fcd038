package dev.agentloop.core.spi;

import java.time.Instant;
import java.util.Objects;

/** An approval as stored: what was asked, what was decided, when, and in which iteration. */
public record ApprovalRecord(ApprovalRequest request, ApprovalDecision decision, int iteration, Instant decidedAt) {

    public ApprovalRecord {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
