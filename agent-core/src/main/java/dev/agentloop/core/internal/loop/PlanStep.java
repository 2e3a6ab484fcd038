package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.Planned;
import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Planner;

/** PLAN: the Planner plans from the spec, how similar tasks were solved before and, on a re-plan, what failed. */
final class PlanStep implements PhaseStep {

    /** Patterns fetched: more than are shown, so that duplicates and weak matches can be left out. */
    private static final int PATTERNS = 10;

    private final RunContext run;
    private final Planner planner;
    private final Planning planning;
    private final CoderFeedback feedback;

    PlanStep(RunContext run, Planner planner, Planning planning, CoderFeedback feedback) {
        this.run = run;
        this.planner = planner;
        this.planning = planning;
        this.feedback = feedback;
    }

    @Override
    public StepResult run(String budgetNote) {
        String patterns = PromptContext.successPatterns(
                run.memory().findPatterns(run.task().text(), PATTERNS));
        try {
            planning.planned(planner.run(run.task(), planning.spec(), patterns, planning.replanHistory(), budgetNote));
            run.events()
                    .publish(new Planned(
                            run.taskId(),
                            run.iteration(),
                            run.now(),
                            planning.plan().render()));
        } catch (InvalidOutputException e) {
            return feedback.invalidOutput(e);
        }
        return StepResult.proceed();
    }
}
