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

    /**
     * Checks the components; a null note becomes empty.
     *
     * @param approved whether the loop may go ahead
     * @param decidedBy who decided: {@code user}, {@code --yes}, {@code policy:autonomous}, {@code default}
     * @param note an optional remark
     */
    public ApprovalDecision {
        Objects.requireNonNull(decidedBy, "decidedBy");
        note = note == null ? "" : note;
    }

    /**
     * {@return an approval}
     *
     * @param decidedBy who decided (a user name, a token's name, {@code default})
     */
    public static ApprovalDecision approve(String decidedBy) {
        return new ApprovalDecision(true, decidedBy, "");
    }

    /**
     * {@return a denial}
     *
     * @param decidedBy who decided
     * @param note why, shown to the model and recorded; may be empty
     */
    public static ApprovalDecision deny(String decidedBy, String note) {
        return new ApprovalDecision(false, decidedBy, note);
    }
}
