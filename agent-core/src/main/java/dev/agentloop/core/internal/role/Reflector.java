package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.action.Actor;
import dev.agentloop.core.internal.hygiene.Section;
import java.util.List;
import java.util.Map;

/** Diagnoses a failure from the test report, the similar past failures with their fixes and the history. */
public final class Reflector {

    private final RoleCaller caller;
    private final int historyLines;

    public Reflector(RoleCaller caller, int historyLines) {
        this.caller = caller;
        this.historyLines = historyLines;
    }

    /**
     * @param report the latest test report, already cut to size
     * @param signature the failure's signature
     * @param similar past failures and their fixes; empty for none
     * @param escalation the breaker's demand (a different hypothesis, the person's hint); empty for none
     */
    public Outputs.Reflection run(
            Task task,
            Outputs.Spec spec,
            Outputs.Plan plan,
            Map<String, String> files,
            String report,
            String signature,
            String similar,
            List<String> history,
            String escalation,
            String budgetNote)
            throws InvalidOutputException {
        Map<String, String> vars = Vars.common(caller.prompts(), task, budgetNote);
        vars.put("signature", signature);
        vars.put("escalation", escalation);
        return caller.ask(
                Role.REFLECTOR,
                "reflector",
                vars,
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Text("plan", 50, plan.render()),
                        new Section.Files("files", 40, files),
                        new Section.Text("test_report", 30, report),
                        new Section.Text("similar_failures", 20, similar.isEmpty() ? "(none found)" : similar),
                        new Section.Lines("history", 10, history, historyLines)),
                Outputs.Reflection::parse);
    }

    /** Repository mode: the Reflector may read, search and run commands before it answers. */
    public Outputs.Reflection act(
            Task task,
            String baseline,
            Map<String, String> files,
            String report,
            String signature,
            String similar,
            List<String> history,
            String escalation,
            String budgetNote,
            Actor actor)
            throws InvalidOutputException {
        Map<String, String> vars = Vars.common(caller.prompts(), task, budgetNote);
        vars.put("signature", signature);
        vars.put("escalation", escalation);
        vars.put("baseline", baseline);
        vars.put("actions", Vars.actions(caller.prompts(), actor));
        return caller.act(
                Role.REFLECTOR,
                "reflector.repo",
                vars,
                List.of(
                        new Section.Files("files", 40, files),
                        new Section.Text("test_report", 50, report),
                        new Section.Text("similar_failures", 20, similar.isEmpty() ? "(none found)" : similar),
                        new Section.Lines("history", 10, history, historyLines)),
                Outputs.Reflection::parse,
                actor);
    }
}
