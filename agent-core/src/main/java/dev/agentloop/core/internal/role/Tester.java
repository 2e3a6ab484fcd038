package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.hygiene.Section;
import java.util.List;
import java.util.Map;

/** Writes the test files (pytest for Python, {@code node --test} for JavaScript) that the sandbox runs. */
public final class Tester {

    private final RoleCaller caller;

    public Tester(RoleCaller caller) {
        this.caller = caller;
    }

    /** @param feedback why the tests are being rewritten (the Reflector said they were wrong); empty at first */
    public Outputs.TestSuite run(
            Task task, Outputs.Spec spec, Outputs.Plan plan, Map<String, String> files, String feedback)
            throws InvalidOutputException {
        return caller.ask(
                Role.TESTER,
                "tester",
                Vars.common(caller.prompts(), task, ""),
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Text("plan", 50, plan.render()),
                        new Section.Files("files", 40, files),
                        new Section.Text("feedback", 35, feedback)),
                Outputs.TestSuite::parse);
    }
}
