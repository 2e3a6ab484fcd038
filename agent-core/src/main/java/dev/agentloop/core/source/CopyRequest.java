package dev.agentloop.core.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * What a {@link Source} needs to make a private working copy.
 *
 * @param taskId the task; names the branch ({@code agentloop/<first 8 hex digits>})
 * @param folder where the copy goes: an absolute path under the workspace root that does not exist yet
 * @param taskTitle the task's first line, for the commit message
 */
public record CopyRequest(UUID taskId, Path folder, String taskTitle) {

    /**
     * Checks the components; a null title becomes empty.
     *
     * @param taskId the task; names the branch ({@code agentloop/<first 8 hex digits>})
     * @param folder where the copy goes: an absolute path under the workspace root that does not exist yet
     * @param taskTitle the task's first line, for the commit message
     */
    public CopyRequest {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(folder, "folder");
        taskTitle = taskTitle == null ? "" : taskTitle;
    }

    /** {@return the short id used in branch names: the first 8 hex digits of the task id} */
    public String shortId() {
        return taskId.toString().substring(0, 8);
    }
}
