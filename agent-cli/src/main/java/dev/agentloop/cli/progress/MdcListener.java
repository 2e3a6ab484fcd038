package dev.agentloop.cli.progress;

import dev.agentloop.core.event.AgentEvent;
import dev.agentloop.core.event.PhaseEntered;
import dev.agentloop.core.event.RunFinished;
import dev.agentloop.core.spi.AgentListener;
import org.slf4j.MDC;

/**
 * Puts the task id, iteration and phase into the logging context of the loop's thread (listeners run on it), so
 * every line the loop logs to {@code logs/agent.log} carries them.
 */
public final class MdcListener implements AgentListener {

    public static final String TASK_ID = "task_id";
    public static final String ITERATION = "iteration";
    public static final String PHASE = "phase";

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
