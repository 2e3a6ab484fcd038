package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.BreakerWarning;
import dev.agentloop.core.internal.breaker.CircuitBreaker;
import dev.agentloop.core.internal.role.PromptLibrary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The breaker's warnings at the start of an iteration, published as events and turned into a note for the model
 * (how many tries remain, how much of a budget is used), so it can change course before the breaker trips.
 */
final class BudgetNotes {

    private final RunContext run;
    private final PromptLibrary prompts;

    BudgetNotes(RunContext run, PromptLibrary prompts) {
        this.run = run;
        this.prompts = prompts;
    }

    /** The note for iteration {@code iteration}; empty when no warning applies. */
    String forIteration(int iteration) {
        CircuitBreaker breaker = run.breaker();
        List<String> notes = new ArrayList<>();
        int triesLeft = breaker.triesLeft(iteration);
        if (breaker.inWarningZone(iteration)) {
            String detail = "iteration " + iteration + " of " + run.config().maxIterations() + ": " + triesLeft
                    + " tries left, counting this one";
            run.events().publish(new BreakerWarning(run.taskId(), iteration, run.now(), triesLeft, detail));
            notes.add(prompts.note("budget_warning", Map.of("tries_left", String.valueOf(triesLeft))));
        }
        for (String warning : breaker.budgetWarnings()) {
            run.events().publish(new BreakerWarning(run.taskId(), iteration, run.now(), triesLeft, warning));
            notes.add(prompts.note("budget_used", Map.of("used", warning)));
        }
        return String.join("\n", notes);
    }
}
