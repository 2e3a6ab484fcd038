package dev.agentloop.core.internal.loop;

import dev.agentloop.core.FailureSignature;
import dev.agentloop.core.event.BreakerEscalated;
import dev.agentloop.core.internal.breaker.Escalation;
import dev.agentloop.core.internal.role.PromptLibrary;
import dev.agentloop.core.spi.ClarificationHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the breaker's answer to a failure. When a signature repeats, the ladder climbs: the Reflector is asked
 * for a different hypothesis than the last one, then PLAN is redone with the failure history, and (when a handler
 * is present) the person is asked for a hint on the last repeat before the same-failure limit, where the breaker
 * trips. Each step is published.
 */
final class EscalationLadder {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationLadder.class);

    private final RunContext run;
    private final Optional<ClarificationHandler> person;
    private final PromptLibrary prompts;
    private final Planning planning;
    private final List<String> failureLines = new ArrayList<>();
    private String lastHypothesis = "";

    EscalationLadder(RunContext run, Optional<ClarificationHandler> person, PromptLibrary prompts, Planning planning) {
        this.run = run;
        this.person = person;
        this.prompts = prompts;
        this.planning = planning;
    }

    /**
     * Counts a failure and takes the step the breaker asks for.
     *
     * @return the note for the Reflector and the Coder (a different hypothesis, a re-plan, the person's hint); empty
     *     when nothing is escalated
     * @throws StopSignal when the breaker trips on the repeated failure
     */
    String onFailure(FailureSignature signature) {
        failureLines.add("iteration " + run.iteration() + ": " + signature.value());
        Escalation escalation = run.breaker().onFailure(signature.value(), person.isPresent());
        switch (escalation) {
            case TRIP -> throw new StopSignal(run.breaker().sameFailureTrip());
            case NEW_HYPOTHESIS -> {
                publish(BreakerEscalated.Step.NEW_HYPOTHESIS, signature);
                return prompts.note("new_hypothesis", Map.of("hypothesis", lastHypothesis));
            }
            case REPLAN -> {
                publish(BreakerEscalated.Step.REPLAN, signature);
                planning.replan(String.join("\n", failureLines));
                return prompts.note("replan", Map.of());
            }
            case ASK_PERSON -> {
                publish(BreakerEscalated.Step.ASK_PERSON, signature);
                return askPerson(signature);
            }
            default -> {
                return "";
            }
        }
    }

    /** The Reflector's latest hypothesis, so a repeat can ask for a different one. */
    void hypothesis(String latest) {
        this.lastHypothesis = latest;
    }

    private void publish(BreakerEscalated.Step step, FailureSignature signature) {
        LOG.info("Same failure again; escalating: {}", step);
        run.events().publish(new BreakerEscalated(run.taskId(), run.iteration(), run.now(), step, signature.value()));
    }

    private String askPerson(FailureSignature signature) {
        String question = prompts.note(
                "ask_person",
                Map.of(
                        "signature",
                        signature.value(),
                        "times",
                        String.valueOf(run.breaker().consecutiveFailures())));
        try {
            Optional<String> answer = person.orElseThrow().ask(question, List.of());
            if (answer.isPresent() && !answer.get().isBlank()) {
                return prompts.note("person_hint", Map.of("hint", answer.get()));
            }
        } catch (RuntimeException e) {
            LOG.warn("The clarification handler failed; going on without a hint: {}", e.toString());
        }
        return "";
    }
}
