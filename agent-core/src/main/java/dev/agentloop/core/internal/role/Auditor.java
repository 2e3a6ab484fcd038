package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.hygiene.Section;
import java.util.List;
import java.util.Map;

/**
 * Checks the code for OWASP-class problems (injection, unsafe deserialisation, secrets in code, shell execution),
 * given the sandbox's static-scan findings too; a blocking finding sends the loop back to CODE.
 */
public final class Auditor {

    private final RoleCaller caller;

    public Auditor(RoleCaller caller) {
        this.caller = caller;
    }

    /** @param scanFindings the sandbox's non-blocking static-scan findings, one per line; empty for none */
    public Outputs.Audit run(Task task, Outputs.Spec spec, Map<String, String> files, String scanFindings)
            throws InvalidOutputException {
        return caller.ask(
                Role.AUDITOR,
                "auditor",
                Vars.common(caller.prompts(), task, ""),
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Files("files", 40, NumberedLines.of(files)),
                        new Section.Text("scan_findings", 38, scanFindings)),
                Outputs.Audit::parse);
    }
}
