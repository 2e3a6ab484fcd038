package dev.agentloop.core.internal.loop;

import dev.agentloop.core.internal.project.ProjectTests;
import dev.agentloop.core.internal.project.TestGuard;
import dev.agentloop.core.internal.workspace.ProjectFiles;
import dev.agentloop.core.source.WorkingCopy;
import java.util.Objects;

/**
 * A run on an existing project: its private working copy, its files as the model's actions see them, its own tests
 * (the oracle, with the baseline), the guard that keeps those tests from being weakened, and its map.
 */
record Project(WorkingCopy copy, ProjectFiles files, ProjectTests tests, TestGuard guard, ProjectMap map) {

    Project {
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(tests, "tests");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(map, "map");
    }
}
