package dev.agentloop.core.internal.loop;

/** What a phase's step reports back to the loop: go on to the next phase, or the iteration is over. */
sealed interface StepResult permits StepResult.Proceed, StepResult.EndIteration {

    /** The step did its work; the policy picks the next phase. */
    record Proceed() implements StepResult {}

    /** The iteration is over (tests passed or failed, or a setback sends the loop round again). */
    record EndIteration(IterationResult result) implements StepResult {}

    static StepResult proceed() {
        return new Proceed();
    }

    static StepResult end(IterationResult result) {
        return new EndIteration(result);
    }
}
