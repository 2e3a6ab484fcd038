package dev.agentloop.core.internal.workspace;

import dev.agentloop.core.source.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The folder under which runs get their workspaces: one the caller chose, or a temporary one made on the first run.
 * Whether a run's workspace outlives the run is decided here: kept when asked to, otherwise removed once the run has
 * ended, and the temporary root itself removed on {@link #close()}. Thread-safe.
 */
public final class WorkspaceRoot implements AutoCloseable {

    private static final String TEMPORARY_PREFIX = "agentloop-";

    private final Optional<Path> chosen;
    private final boolean keep;
    private Path temporary;
    private boolean closed;

    private WorkspaceRoot(Optional<Path> chosen, boolean keep) {
        this.chosen = chosen.map(p -> p.toAbsolutePath().normalize());
        this.keep = keep;
    }

    /** Workspaces under {@code root}; {@code keep} says whether they outlive their runs. */
    public static WorkspaceRoot at(Path root, boolean keep) {
        return new WorkspaceRoot(Optional.of(root), keep);
    }

    /** Workspaces under a temporary folder made on first use; {@code keep} keeps it and them after the runs. */
    public static WorkspaceRoot temporary(boolean keep) {
        return new WorkspaceRoot(Optional.empty(), keep);
    }

    /**
     * The root, made when it is the temporary one and does not exist yet.
     *
     * @throws UncheckedIOException when the temporary folder cannot be made
     * @throws IllegalStateException after {@link #close()} of a temporary root
     */
    public synchronized Path path() {
        if (chosen.isPresent()) {
            return chosen.get();
        }
        if (temporary == null) {
            if (closed) {
                throw new IllegalStateException("this agent is closed: its temporary workspace root was removed");
            }
            try {
                temporary = Files.createTempDirectory(TEMPORARY_PREFIX).toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make a temporary workspace root: " + e.getMessage(), e);
            }
        }
        return temporary;
    }

    /** The workspace folder of one task (not made here). */
    public Path folderFor(UUID taskId) {
        return path().resolve(taskId.toString());
    }

    /** Whether workspaces outlive their runs. */
    public boolean keepsWorkspaces() {
        return keep;
    }

    /**
     * Removes a run's workspace after the run, unless workspaces are kept. Does nothing for a folder that is gone.
     *
     * @throws UncheckedIOException when a file cannot be removed
     */
    public void release(Path workspace) {
        if (!keep) {
            FileTrees.delete(workspace);
        }
    }

    /** Removes the temporary root (with whatever is left in it) unless workspaces are kept. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (temporary != null && !keep) {
            Path root = temporary;
            temporary = null;
            FileTrees.delete(root);
        }
    }
}
