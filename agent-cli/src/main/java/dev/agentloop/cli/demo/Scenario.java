package dev.agentloop.cli.demo;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import dev.agentloop.core.StopReason;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted demo scenario shipped under {@code examples/<name>/}: the task and the scripted model's answers.
 *
 * @param name the folder name, e.g. {@code 01-python-slugify}
 * @param title one line for the demo's output
 * @param task the task text
 * @param language the task's language
 * @param projectType the task's project type
 * @param maxIterations the scenario's iteration limit
 * @param expected how the scenario is meant to end
 * @param stopReason why a scenario meant to stop must stop; empty for any reason
 * @param script the scripted model's script file
 */
public record Scenario(
        String name,
        String title,
        String task,
        Language language,
        ProjectType projectType,
        int maxIterations,
        Expected expected,
        Optional<StopReason> stopReason,
        Path script) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(stopReason, "stopReason");
        if (stopReason.isPresent() && expected != Expected.STOPPED) {
            throw new IllegalArgumentException("stop-reason is only for a scenario that expects to stop");
        }
        Objects.requireNonNull(script, "script");
    }

    /** How a scenario is meant to end. */
    public enum Expected {
        SOLVED,
        STOPPED
    }
}
