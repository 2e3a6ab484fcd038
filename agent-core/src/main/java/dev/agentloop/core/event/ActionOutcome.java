package dev.agentloop.core.event;

/** How an action ended. */
public enum ActionOutcome {
    /** It ran; its result went back to the model. */
    DONE,
    /** Its arguments were wrong or it was refused by a rule of the run (a path outside the project, a test edit that
     * would weaken an existing test, a binary file); the reason went back to the model. */
    REFUSED,
    /** The execution hooks or the approval handler stopped a command; it never ran. */
    BLOCKED,
    /** It ran and failed (a command's non-zero exit is still {@link #DONE}; this is the sandbox or a file error). */
    FAILED,
    /** The phase's action limit was reached; the model was told to answer. */
    LIMIT_REACHED
}
