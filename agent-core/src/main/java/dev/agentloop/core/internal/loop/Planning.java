package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.role.Outputs;
import java.util.Objects;

/**
 * What the run has settled about the task: the spec from INIT, the current plan, and whether the plan must be
 * (re)done — at the start, and again when the breaker's escalation asks for a re-plan with the failure history.
 */
final class Planning {

    private Outputs.Spec spec;
    private Outputs.Plan plan;
    private boolean planNeeded = true;
    private String replanHistory = "";

    /** The spec, once INIT has settled it. */
    void specified(Outputs.Spec settled) {
        this.spec = Objects.requireNonNull(settled, "settled");
    }

    Outputs.Spec spec() {
        return spec;
    }

    /** The current plan; null until PLAN has run once. */
    Outputs.Plan plan() {
        return plan;
    }

    boolean planNeeded() {
        return planNeeded;
    }

    /** The failures so far, one per line, for a re-plan; empty when the plan is not being redone. */
    String replanHistory() {
        return replanHistory;
    }

    /** PLAN produced a plan: no plan is needed until the next re-plan. */
    void planned(Outputs.Plan made) {
        this.plan = Objects.requireNonNull(made, "made");
        this.planNeeded = false;
        this.replanHistory = "";
    }

    /** The next iteration starts with PLAN again, told what failed so far. */
    void replan(String failureHistory) {
        this.planNeeded = true;
        this.replanHistory = failureHistory;
    }
}
