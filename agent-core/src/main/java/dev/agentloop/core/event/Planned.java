package dev.agentloop.core.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * PLAN produced a plan (at the start, and again after a re-plan): what a report of the run, such as a pull request's
 * description, says was planned.
 *
 * @param taskId the task
 * @param iteration the iteration that planned (0 for the first plan)
 * @param at when
 * @param plan the plan as the later phases see it: the approach, the files, the steps and the test strategy
 */
public record Planned(UUID taskId, int iteration, Instant at, String plan) implements AgentEvent {

    /**
     * Checks the plan is present.
     *
     * @param taskId the task
     * @param iteration the iteration that planned (0 for the first plan)
     * @param at when
     * @param plan the plan as the later phases see it: the approach, the files, the steps and the test strategy
     */
    public Planned {
        Objects.requireNonNull(plan, "plan");
    }
}
