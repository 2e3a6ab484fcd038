package dev.agentloop.sandbox.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The labels every sandbox container carries, so leftovers can be found and reaped. */
public final class ContainerLabels {

    /** Marks a container as this library's. */
    public static final String LIBRARY = "dev.agentloop.sandbox";

    public static final String TASK = "dev.agentloop.task";
    public static final String RUN = "dev.agentloop.run";

    private ContainerLabels() {}

    public static Map<String, String> of(UUID runId, UUID taskId, OwnerIdentity owner) {
        Map<String, String> labels = new HashMap<>(owner.labels());
        labels.put(LIBRARY, "true");
        labels.put(RUN, runId.toString());
        labels.put(TASK, taskId.toString());
        return Map.copyOf(labels);
    }
}
