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

    /**
     * @param files the project's files, tests included once they exist
     * @param testFiles the test files among them; empty before the Tester has written any (REVIEW comes first in
     *     the first iteration), which the prompt then says
     */
    public Outputs.Review run(
            Task task, Outputs.Spec spec, Outputs.Plan plan, Map<String, String> files, List<String> testFiles)
            throws InvalidOutputException {
        Map<String, String> vars = Vars.common(caller.prompts(), task, "");
        vars.put(
                "tests_note",
                testFiles.isEmpty()
                        ? caller.prompts().note("tests_later", Map.of())
                        : caller.prompts().note("tests_present", Map.of("tests", String.join(", ", testFiles))));
        return caller.ask(
                Role.REVIEWER,
                "reviewer",
                vars,
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Text("plan", 50, plan.render()),
                        new Section.Files("files", 40, NumberedLines.of(files))),
                Outputs.Review::parse);
    }
}
