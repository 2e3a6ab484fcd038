package dev.agentloop.core.internal.loop;

import dev.agentloop.core.event.IterationOutcome;
import dev.agentloop.core.internal.role.InvalidOutputException;

/**
 * What the Coder must act on next: the reflection on failed tests, a blocking finding, a rejected edit, or an answer
 * that could not be used. Whoever ends an iteration early writes it; CODE reads it and clears it once its edits are
 * applied. Empty at first.
 */
final class CoderFeedback {

    private String text = "";

    String text() {
        return text;
    }

    void set(String feedback) {
        this.text = feedback;
    }

    void clear() {
        this.text = "";
    }

    /** A role's answer was not the JSON asked for, even after the repair: say so, and end the iteration. */
    StepResult invalidOutput(InvalidOutputException e) {
        text = "Your last answer could not be used: " + e.getMessage() + " Answer with the JSON object asked for.";
        return StepResult.end(IterationResult.withoutTests(IterationOutcome.INVALID_MODEL_OUTPUT, e.getMessage()));
    }
}
