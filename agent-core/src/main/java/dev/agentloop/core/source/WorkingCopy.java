package dev.agentloop.core.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A run's private copy of a {@link Source}: the folder the run edits and the sandbox mounts. Closing it removes the
 * copy (and, for a git worktree, its registration); the {@link Handoff} made before survives.
 */
public interface WorkingCopy extends AutoCloseable {

    /** {@return the copy's root on the host} */
    Path root();

    /** {@return what the copy was made from: name, remote, base ref and commit} */
    RepositoryInfo repository();

    /**
     * Turns the copy's current state into the run's result: for a git repository, one commit on the base and a
     * branch {@code agentloop/<short-id>} in the user's repository (never touching its working tree, index or HEAD);
     * for a folder, the patch only. Called at most once, after the run solved the task.
     *
     * @param message the commit message: the task's first line, a blank line, the run's summary
     * @return the branch, commit and patch handed back
     * @throws SourceException when the branch or patch cannot be made; nothing half-made is left behind
     */
    Handoff handOff(String message);

    /**
     * The text a file had at the copy's base, before the run changed anything: how a run tells what a command it ran
     * changed (and whether a test that existed is being weakened). The default knows nothing.
     *
     * @param path relative to the root, with {@code /} separators
     * @return the content; empty when the file did not exist at the base, is not text, or the copy cannot tell
     */
    default Optional<String> baseContent(String path) {
        return Optional.empty();
    }

    /** Removes the copy. Idempotent; never throws for a copy already gone. */
    @Override
    void close();
}
