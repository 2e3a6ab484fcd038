package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.hygiene.Section;
import java.util.List;
import java.util.Map;

/** Reviews the code against the spec and plan; a blocking finding sends the loop back to CODE. */
public final class Reviewer {

    private final RoleCaller caller;

    public Reviewer(RoleCaller caller) {
        this.caller = caller;
    }

    public Outputs.Review run(Task task, Outputs.Spec spec, Outputs.Plan plan, Map<String, String> files)
            throws InvalidOutputException {
        return caller.ask(
                Role.REVIEWER,
                "reviewer",
                Vars.common(caller.prompts(), task, ""),
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Text("plan", 50, plan.render()),
                        new Section.Files("files", 40, files)),
                Outputs.Review::parse);
    }
}
