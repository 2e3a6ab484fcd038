package dev.agentloop.core.internal.loop;

/** The work of one phase inside an iteration; the loop has already entered the phase when it runs. */
interface PhaseStep {

    /**
     * @param budgetNote the breaker's warnings for this iteration, for the roles that are told; empty for none
     * @throws StopSignal when the breaker trips or the run is cancelled during the step
     */
    StepResult run(String budgetNote);
}
