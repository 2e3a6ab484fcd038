package dev.agentloop.cli.batch;

import java.util.Objects;

/**
 * Which {@link InstanceHandler} runs an instance: one for tasks in an empty folder, one for repository instances.
 *
 * @param greenfield instances with {@code task} and no {@code repo}
 * @param repository instances with {@code repo} + {@code base}
 */
public record InstanceHandlers(InstanceHandler greenfield, InstanceHandler repository) {

    public InstanceHandlers {
        Objects.requireNonNull(greenfield, "greenfield");
        Objects.requireNonNull(repository, "repository");
    }

    InstanceHandler of(BatchInstance instance) {
        return instance.isRepository() ? repository : greenfield;
    }
}
