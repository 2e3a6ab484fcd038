package dev.agentloop.server.internal.queue;

import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import dev.agentloop.server.TaskState;
import dev.agentloop.server.internal.json.EventJson;
import dev.agentloop.server.internal.store.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns a run's result into the stored outcome: the state, the reason, and the files or handoff of a solved run. */
final class RunOutcomes {

    private RunOutcomes() {}

    static TaskOutcome of(AgentResult result, EventJson json) {
        if (result instanceof AgentResult.Solved solved) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (solved.handoff().isPresent()) {
                out.put("handoff", solved.handoff().get());
            } else {
                out.put("files", solved.files());
            }
            return new TaskOutcome(
                    TaskState.SOLVED,
                    solved.iterations(),
                    solved.tokens(),
                    solved.cost(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(json.writeValue(out)));
        }
        if (result instanceof AgentResult.Stopped stopped) {
            TaskState state = stopped.reason() == StopReason.CANCELLED ? TaskState.CANCELLED : TaskState.STOPPED;
            return new TaskOutcome(
                    state,
                    stopped.iterations(),
                    stopped.tokens(),
                    stopped.cost(),
                    Optional.of(stopped.reason().name().toLowerCase(Locale.ROOT)),
                    Optional.of(json.redact(stopped.detail())),
                    Optional.empty());
        }
        AgentResult.Failed failed = (AgentResult.Failed) result;
        return new TaskOutcome(
                TaskState.FAILED,
                failed.iterations(),
                failed.tokens(),
                failed.cost(),
                Optional.of("error"),
                Optional.of(json.redact(failed.message())),
                Optional.empty());
    }
}
