package dev.agentloop.core.internal.role;

import dev.agentloop.core.Role;
import dev.agentloop.core.Task;
import dev.agentloop.core.internal.action.Actor;
import dev.agentloop.core.internal.hygiene.Section;
import java.util.List;
import java.util.Map;

/** Writes or edits the code: whole files or unified diffs, applied by the loop to the workspace. */
public final class Coder {

    private final RoleCaller caller;
    private final int historyLines;

    public Coder(RoleCaller caller, int historyLines) {
        this.caller = caller;
        this.historyLines = historyLines;
    }

    /**
     * @param files the current source and test files
     * @param feedback what the coder must act on: the reflection, blocking findings, a rejected edit; empty at first
     * @param history one line per earlier iteration
     */
    public Outputs.CodeChange run(
            Task task,
            Outputs.Spec spec,
            Outputs.Plan plan,
            Map<String, String> files,
            String feedback,
            List<String> history,
            String budgetNote)
            throws InvalidOutputException {
        return caller.ask(
                Role.CODER,
                "coder",
                Vars.common(caller.prompts(), task, budgetNote),
                List.of(
                        new Section.Text("spec", 60, spec.render()),
                        new Section.Text("plan", 50, plan.render()),
                        new Section.Files("files", 40, files),
                        new Section.Text("feedback", 35, feedback),
                        new Section.Lines("history", 10, history, historyLines)),
                Outputs.CodeChange::parse);
    }

    /**
     * Repository mode: the Coder acts (reads, searches, runs commands, edits) before it answers; its final answer's
     * edits may be empty when the actions made every change.
     *
     * @param baseline one line on how the project's tests stood before the task
     * @param repoMap the ranked repository map, already rendered
     * @param files the files the run changed so far
     */
    public Outputs.CodeChange act(
            Task task,
            String baseline,
            String repoMap,
            Map<String, String> files,
            String feedback,
            List<String> history,
            String budgetNote,
            Actor actor)
            throws InvalidOutputException {
        Map<String, String> vars = Vars.common(caller.prompts(), task, budgetNote);
        vars.put("baseline", baseline);
        vars.put("actions", Vars.actions(caller.prompts(), actor));
        return caller.act(
                Role.CODER,
                "coder.repo",
                vars,
                List.of(
                        new Section.Text("repo_map", 45, repoMap),
                        new Section.Files("files", 40, files),
                        new Section.Text("feedback", 50, feedback),
                        new Section.Lines("history", 10, history, historyLines)),
                Outputs.CodeChange::parseAfterActions,
                actor);
    }
}
