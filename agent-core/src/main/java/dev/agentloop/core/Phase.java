package dev.agentloop.core;

/**
 * The phases of the loop. The legal moves between them are one table, {@code PhaseTransitions}; a phase is never a
 * string.
 */
public enum Phase {
    /** Prepares the run: workspace, sandbox session, the task restated. */
    INIT,
    /** The Planner writes the plan: approach, files, steps, test strategy. */
    PLAN,
    /** The Coder edits the files. */
    CODE,
    /** The Reviewer reads the code (optional, {@link AgentConfig#reviewEnabled()}). */
    REVIEW,
    /** The Auditor checks the code for security problems (optional, {@link AgentConfig#auditEnabled()}). */
    AUDIT,
    /** The tests run in the sandbox. */
    TEST,
    /** The failure is stored, similar past failures are retrieved and the Reflector says what to do next. */
    REFLECT,
    /** The run has ended. */
    DONE
}
