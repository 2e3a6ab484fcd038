package dev.agentloop.core.internal.loop;

import dev.agentloop.core.Phase;

/**
 * Which phase comes next inside an iteration: PLAN (only when a plan is needed) → CODE → REVIEW (when enabled) →
 * AUDIT (when enabled) → TEST → REFLECT. A step that ends the iteration early (a setback, passing tests) is not
 * asked about here: the loop goes round again. This class only proposes; {@link PhaseTransitions} is the one table
 * of legal moves, and {@link RunState#moveTo} checks every proposal against it.
 */
final class PhasePolicy {

    private final boolean reviewEnabled;
    private final boolean auditEnabled;

    PhasePolicy(boolean reviewEnabled, boolean auditEnabled) {
        this.reviewEnabled = reviewEnabled;
        this.auditEnabled = auditEnabled;
    }

    /** The first phase of an iteration. */
    Phase first(boolean planNeeded) {
        return planNeeded ? Phase.PLAN : Phase.CODE;
    }

    /**
     * The phase after {@code finished} when its step went on.
     *
     * @throws IllegalArgumentException for a phase no step runs in (INIT, DONE) or that always ends the iteration
     *     (REFLECT)
     */
    Phase after(Phase finished) {
        return switch (finished) {
            case PLAN -> Phase.CODE;
            case CODE -> reviewEnabled ? Phase.REVIEW : afterReview();
            case REVIEW -> afterReview();
            case AUDIT -> Phase.TEST;
            case TEST -> Phase.REFLECT;
            default -> throw new IllegalArgumentException("No phase follows " + finished + " inside an iteration");
        };
    }

    private Phase afterReview() {
        return auditEnabled ? Phase.AUDIT : Phase.TEST;
    }
}
