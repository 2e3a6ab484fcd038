package dev.agentloop.cli.progress;

import dev.agentloop.core.LogContext;
import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.spi.AgentListener;
import org.slf4j.MDC;

/**
 * Puts the task id, iteration and phase into the logging context of the thread an event is published on, under
 * core's {@link LogContext} keys. The loop keeps them itself on its own thread (and puts the old values back when a
 * run ends); this listener also covers events published on other threads.
 */
public final class MdcListener implements AgentListener {

    /** {@link LogContext#TASK_ID}. */
    public static final String TASK_ID = LogContext.TASK_ID;

    /** {@link LogContext#ITERATION}. */
    public static final String ITERATION = LogContext.ITERATION;

    /** {@link LogContext#PHASE}. */
    public static final String PHASE = LogContext.PHASE;

    @Override
    public void onEvent(AgentEvent event) {
        MDC.put(TASK_ID, event.taskId().toString());
        MDC.put(ITERATION, Integer.toString(event.iteration()));
        if (event instanceof PhaseEntered e) {
            MDC.put(PHASE, e.phase().name());
        } else if (MDC.get(PHASE) == null) {
            MDC.put(PHASE, "INIT");
        }
        if (event instanceof RunFinished) {
            MDC.put(PHASE, "DONE");
        }
    }
}
