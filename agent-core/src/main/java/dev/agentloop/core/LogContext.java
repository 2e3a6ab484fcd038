package dev.agentloop.core;

/**
 * The keys a run puts in SLF4J's MDC on its own thread while it runs, so every line it logs can carry them; they are
 * restored to what they were before when the run ends. A logging layout reads them by these names.
 */
public final class LogContext {

    /** The task's id, e.g. {@code 3f2a…}. */
    public static final String TASK_ID = "task_id";

    /** The current iteration, 0 before the first. */
    public static final String ITERATION = "iteration";

    /** The current {@link Phase}'s name. */
    public static final String PHASE = "phase";

    private LogContext() {}
}
