package dev.agentloop.core.spi;

import dev.agentloop.core.Language;
import dev.agentloop.core.ProjectType;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * What a {@link Sandbox} needs to open a session for one task.
 *
 * @param taskId the task; sandboxes label their resources with it so leftovers can be found
 * @param language the task's language (picks the image or interpreter)
 * @param projectType the task's project type (picks the allowed dependencies)
 * @param workspace the task's workspace folder on the host; it is the only host path the sandbox may expose
 * @param listener receives sandbox events (blocked commands, approvals); never null
 * @param approvals decides dependency installs and risky commands; never null
 * @param existingProject the workspace is a copy of an existing project: the static scan and the dependency check
 *     before a test run look only at files changed since the session opened (the project's own code and
 *     dependencies are the user's, not the model's)
 */
public record SandboxSpec(
        UUID taskId,
        Language language,
        ProjectType projectType,
        Path workspace,
        AgentListener listener,
        ApprovalHandler approvals,
        boolean existingProject) {

    /**
     * A session on a new, empty workspace.
     *
     * @param taskId the task; sandboxes label their resources with it
     * @param language the task's language
     * @param projectType the task's project type
     * @param workspace the task's workspace folder on the host
     * @param listener receives sandbox events; null for none
     * @param approvals decides dependency installs and risky commands; null to deny all
     */
    public SandboxSpec(
            UUID taskId,
            Language language,
            ProjectType projectType,
            Path workspace,
            AgentListener listener,
            ApprovalHandler approvals) {
        this(taskId, language, projectType, workspace, listener, approvals, false);
    }

    /**
     * Checks the components; a null listener or approval handler becomes the do-nothing or deny-all one.
     *
     * @param taskId the task; sandboxes label their resources with it so leftovers can be found
     * @param language the task's language (picks the image or interpreter)
     * @param projectType the task's project type (picks the allowed dependencies)
     * @param workspace the task's workspace folder on the host; it is the only host path the sandbox may expose
     * @param listener receives sandbox events (blocked commands, approvals); never null
     * @param approvals decides dependency installs and risky commands; never null
     * @param existingProject the workspace is a copy of an existing project: the static scan and the dependency check
     *     before a test run look only at files changed since the session opened (the project's own code and
     *     dependencies are the user's, not the model's)
     */
    public SandboxSpec {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(projectType, "projectType");
        Objects.requireNonNull(workspace, "workspace");
        listener = listener == null ? AgentListener.NONE : listener;
        approvals = approvals == null ? ApprovalHandler.denyAll() : approvals;
    }
}
