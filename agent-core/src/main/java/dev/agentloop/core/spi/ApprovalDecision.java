package dev.agentloop.core.spi;

import java.util.Objects;

/**
 * The answer to an {@link ApprovalRequest}.
 *
 * @param approved whether the loop may go ahead
 * @param decidedBy who decided: {@code user}, {@code --yes}, {@code policy:autonomous}, {@code default}
 * @param note an optional remark
 */
public record ApprovalDecision(boolean approved, String decidedBy, String note) {

    public ApprovalDecision {
        Objects.requireNonNull(decidedBy, "decidedBy");
        note = note == null ? "" : note;
    }

    public static ApprovalDecision approve(String decidedBy) {
        return new ApprovalDecision(true, decidedBy, "");
    }

    public static ApprovalDecision deny(String decidedBy, String note) {
        return new ApprovalDecision(false, decidedBy, note);
    }
}
