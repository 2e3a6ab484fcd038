package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.role.InvalidOutputException;
import dev.agentloop.core.internal.role.Outputs;
import dev.agentloop.core.internal.role.Reprompter;
import dev.agentloop.core.spi.ClarificationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * INIT: the Reprompter turns the task into a spec, and its open questions go to the person when there is one;
 * questions nobody answered are settled by the Reprompter's assumptions, which are recorded in the spec and shown.
 */
final class TaskClarifier {

    private static final Logger LOG = LoggerFactory.getLogger(TaskClarifier.class);

    private final RunContext run;
    private final Reprompter reprompter;
    private final Optional<ClarificationHandler> person;

    TaskClarifier(RunContext run, Reprompter reprompter, Optional<ClarificationHandler> person) {
        this.run = run;
        this.reprompter = reprompter;
        this.person = person;
    }

    /** The settled spec; an unusable Reprompter answer falls back to the task text as the goal. */
    Outputs.Spec spec() {
        return clarify(reprompt());
    }

    private Outputs.Spec reprompt() {
        try {
            return reprompter.run(run.task());
        } catch (InvalidOutputException e) {
            run.warn("reprompter", e.getMessage() + " The task text is used as the goal.");
            return Outputs.Spec.ofGoal(run.task().text());
        }
    }

    private Outputs.Spec clarify(Outputs.Spec raw) {
        if (raw.openQuestions().isEmpty()) {
            return raw;
        }
        List<String> answered = new ArrayList<>();
        List<String> assumed = new ArrayList<>();
        for (Outputs.OpenQuestion q : raw.openQuestions()) {
            Optional<String> answer = Optional.empty();
            if (person.isPresent()) {
                try {
                    answer = person.get().ask(q.question(), q.suggestions()).filter(a -> !a.isBlank());
                } catch (RuntimeException e) {
                    LOG.warn("The clarification handler failed; assuming instead: {}", e.toString());
                }
            }
            if (answer.isPresent()) {
                answered.add(q.question() + " -> " + answer.get());
            } else {
                String assumption = q.assumption().isBlank() ? "the simplest reading of the task" : q.assumption();
                assumed.add(q.question() + " -> " + assumption);
            }
        }
        if (!assumed.isEmpty()) {
            run.warn("reprompter", "Open questions were not answered; assumed: " + String.join("; ", assumed));
        }
        return raw.withResolutions(answered, assumed);
    }
}
