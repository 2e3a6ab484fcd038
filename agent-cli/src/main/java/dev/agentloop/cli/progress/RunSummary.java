package dev.agentloop.cli.progress;

import dev.agentloop.cli.output.Text;
import dev.agentloop.core.AgentResult;
import dev.agentloop.core.StopReason;
import java.util.ArrayList;
import java.util.List;

/** The lines printed when a run ends: status and reason, iterations, tokens, cost, time, memory hits, the code. */
public final class RunSummary {

    private RunSummary() {}

    public static List<String> of(AgentResult result, int memoryHits) {
        List<String> lines = new ArrayList<>();
        String status;
        if (result instanceof AgentResult.Solved) {
            status = "SOLVED";
        } else if (result instanceof AgentResult.Stopped s) {
            status = (s.reason() == StopReason.CANCELLED ? "CANCELLED" : "STOPPED: " + Text.words(s.reason()))
                    + (s.detail().isBlank() ? "" : " (" + s.detail() + ")");
        } else {
            status = "FAILED: " + ((AgentResult.Failed) result).message();
        }
        lines.add(status + " after " + result.iterations() + " iteration(s), " + Text.count(result.tokens())
                + " tokens, " + Text.cost(result.cost()) + ", " + Text.duration(result.elapsed()) + ", "
                + memoryHits + " memory hit(s)");
        boolean handedOff =
                result instanceof AgentResult.Solved solved && solved.handoff().isPresent();
        if (result.workspace() != null && !handedOff) {
            // on an existing project the private copy is gone by now: the branch and patch are printed instead
            lines.add("code: " + result.workspace());
        }
        lines.add("details: agent show " + Text.shortId(result.taskId()));
        return lines;
    }
}
