package dev.agentloop.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a sandbox's cheap self-check (for {@code agent doctor}): is the engine reachable, is each image
 * present.
 *
 * @param kind {@code docker} or {@code process}
 * @param engineReachable whether the Docker engine answered (always true for the process sandbox)
 * @param engineVersion the engine's version and API version, or the isolation the process sandbox uses
 * @param images image name to whether it is present (empty for the process sandbox)
 * @param problems one actionable sentence per problem; empty when all is well
 */
public record SandboxHealth(
        String kind,
        boolean engineReachable,
        String engineVersion,
        Map<String, Boolean> images,
        List<String> problems) {

    /**
     * Checks the components; the maps and lists are copied.
     *
     * @param kind {@code docker} or {@code process}
     * @param engineReachable whether the Docker engine answered (always true for the process sandbox)
     * @param engineVersion the engine's version and API version, or the isolation the process sandbox uses
     * @param images image name to whether it is present (empty for the process sandbox)
     * @param problems one actionable sentence per problem; empty when all is well
     */
    public SandboxHealth {
        Objects.requireNonNull(kind, "kind");
        engineVersion = engineVersion == null ? "" : engineVersion;
        images = Map.copyOf(images);
        problems = List.copyOf(problems);
    }

    /** {@return true when there is no problem} */
    public boolean ok() {
        return problems.isEmpty();
    }
}
