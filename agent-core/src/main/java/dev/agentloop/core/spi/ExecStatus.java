package dev.agentloop.core.spi;

/** How a command in the sandbox ended. */
public enum ExecStatus {
    /** It ran and exited by itself; see the exit code. */
    EXITED,
    /** It hit its time limit; its whole process tree was killed. */
    TIMED_OUT,
    /** It was killed for exceeding the memory limit. */
    OUT_OF_MEMORY,
    /** An execution hook refused it; it never ran. */
    BLOCKED
}
