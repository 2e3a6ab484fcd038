package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.Planned;
import dev.agentloop.core.internal.role.Outputs;
import java.util.List;

/**
 * PLAN on an existing project asks no model: the Coder finds what to change by acting on the project itself, guided
 * by the repository map and the failing tests. The phase is still entered (and approved in manual mode), and a
 * re-plan asked by the breaker's ladder reaches the Coder as its escalation note.
 */
final class ProjectPlanStep implements PhaseStep {

    private final RunContext run;
    private final Planning planning;

    ProjectPlanStep(RunContext run, Planning planning) {
        this.run = run;
        this.planning = planning;
    }

    @Override
    public StepResult run(String budgetNote) {
        planning.planned(plan(run));
        run.events()
                .publish(new Planned(
                        run.taskId(),
                        run.iteration(),
                        run.now(),
                        planning.plan().render()));
        return StepResult.proceed();
    }

    /** The plan every run on a project follows. */
    static Outputs.Plan plan(RunContext run) {
        return new Outputs.Plan(
                "Work on the existing project: find the code the task concerns (repository map, search, read), change"
                        + " as little as needed, and judge the change by the project's own tests.",
                List.of(),
                List.of(),
                "the project's own tests, with the baseline's failures known");
    }
}
