package dev.agentloop.sandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes sandbox containers whose owning process is gone (a JVM killed with {@code kill -9}, a crash): the ones
 * carrying this library's label whose owner labels name a process that no longer runs on this host.
 */
public final class ContainerReaper {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerReaper.class);

    private final DockerClient docker;
    private final OwnerIdentity self;

    public ContainerReaper(DockerClient docker, OwnerIdentity self) {
        this.docker = docker;
        this.self = self;
    }

    /** Removes every orphaned sandbox container; returns how many were removed. */
    public int reap() {
        List<Container> containers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.LIBRARY, "true"))
                .exec();
        int removed = 0;
        for (Container c : containers) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            Optional<OwnerIdentity> owner = OwnerIdentity.fromLabels(labels);
            if (owner.isEmpty() || !owner.get().isGoneAsSeenBy(self)) {
                continue;
            }
            try {
                LOG.info(
                        "Removing orphaned sandbox container {} of task {} (owner pid {} is gone)",
                        c.getId().substring(0, 12),
                        labels.get(ContainerLabels.TASK),
                        owner.get().pid());
                docker.removeContainerCmd(c.getId())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
                removed++;
            } catch (RuntimeException e) {
                LOG.warn("Could not remove orphaned sandbox container {}: {}", c.getId(), DockerClients.rootMessage(e));
            }
        }
        return removed;
    }
}
