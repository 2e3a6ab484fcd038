package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import java.util.List;

/** Turns the task as given into a structured spec: goal, inputs/outputs, constraints, acceptance tests, questions. */
public final class Reprompter {

    private final RoleCaller caller;

    public Reprompter(RoleCaller caller) {
        this.caller = caller;
    }

    public Outputs.Spec run(Task task) throws InvalidOutputException {
        return caller.ask(
                Role.REPROMPTER, "reprompter", Vars.common(caller.prompts(), task, ""), List.of(), Outputs.Spec::parse);
    }
}
