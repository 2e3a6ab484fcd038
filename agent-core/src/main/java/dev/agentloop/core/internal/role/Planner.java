package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.hygiene.Section;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the files and steps. Its template gets {@code project_guidance} from {@code planner.<project_type>.md}, and
 * on a re-plan the failure history.
 */
public final class Planner {

    private final RoleCaller caller;

    public Planner(RoleCaller caller) {
        this.caller = caller;
    }

    /**
     * @param patterns approaches that solved similar tasks before; empty for none
     * @param failureHistory the failures so far when the breaker asked for a re-plan; empty otherwise
     */
    public Outputs.Plan run(Task task, Outputs.Spec spec, String patterns, String failureHistory, String budgetNote)
            throws InvalidOutputException {
        Map<String, String> vars = Vars.common(caller.prompts(), task, budgetNote);
        String guidance = "planner." + task.projectType().id();
        vars.put(
                "project_guidance",
                caller.prompts().has(guidance)
                        ? caller.prompts().render(guidance, Map.of(), Set.of()).user()
                        : "");
        return caller.ask(
                Role.PLANNER,
                "planner",
                vars,
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Text("patterns", 15, patterns),
                        new Section.Text("failure_history", 12, failureHistory)),
                Outputs.Plan::parse);
    }
}
