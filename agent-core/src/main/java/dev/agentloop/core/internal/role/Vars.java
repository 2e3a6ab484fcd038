package dev.agentloop.core.internal.role;

import dev.agentloop.core.Task;
import java.util.HashMap;
import java.util.Map;

/** The variables every template may use. */
final class Vars {

    private Vars() {}

    /**
     * {@code task}, {@code language}, {@code project_type}, {@code test_runner}, {@code source_file} and {@code
     * test_file} (the language's example file names in answer formats; from {@code notes.md}) and {@code
     * budget_note} (empty unless the breaker's warning threshold was crossed).
     */
    static Map<String, String> common(PromptLibrary prompts, Task task, String budgetNote) {
        Map<String, String> vars = new HashMap<>();
        vars.put("task", task.text());
        vars.put("language", task.language().id());
        vars.put("project_type", task.projectType().id());
        vars.put("test_runner", prompts.note("runner_" + task.language().id(), Map.of()));
        vars.put("source_file", prompts.note("source_file_" + task.language().id(), Map.of()));
        vars.put("test_file", prompts.note("test_file_" + task.language().id(), Map.of()));
        vars.put("budget_note", budgetNote);
        return vars;
    }

    /** How the model may act, for the configured protocol. */
    static String actions(PromptLibrary prompts, dev.agentloop.core.internal.action.Actor actor) {
        String key = actor.config().protocol() == dev.agentloop.core.ActionConfig.Protocol.NATIVE
                ? "actions_native"
                : "actions_json";
        return prompts.note(key, Map.of("limit", String.valueOf(actor.config().maxPerPhase())));
    }
}
