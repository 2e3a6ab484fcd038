package dev.agentloop.core;

/**
 * The phases of the loop. The legal moves between them are one table, {@code PhaseTransitions}; a phase is never a
 * string.
 */
public enum Phase {
    INIT,
    PLAN,
    CODE,
    REVIEW,
    AUDIT,
    TEST,
    REFLECT,
    DONE
}
