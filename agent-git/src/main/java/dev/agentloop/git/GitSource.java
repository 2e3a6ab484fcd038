package dev.agentloop.git;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.source.Source;
import dev.agentloop.core.source.SourceException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link Source} made by {@link GitSources}: a plain folder, a local git repository at a base commit, or a git URL
 * through a cached clone. It was checked when made (the folder exists, the ref resolves); {@link #open} checks the
 * size limits and makes the copy. Thread-safe: one source may open any number of copies, each in its own folder.
 */
public interface GitSource extends Source {

    /** {@return what this source copies from} */
    SourceKind kind();

    /**
     * Name, location, remote, base ref and the base commit pinned when the source was made.
     *
     * @return the repository's description; for a plain folder, its name and location only
     */
    RepositoryInfo repository();

    /**
     * The repository a hand-off creates its branch in: the user's repository, or for a URL the cached clone
     * ({@code <cacheDir>/<name>-<hash>.git}); empty for a plain folder or {@link HandoffMode#PATCH_ONLY}.
     *
     * @return the repository, or empty
     */
    Optional<Path> branchRepository();

    /**
     * Makes the private copy in {@code request.folder()}: for a repository, a detached git worktree at the base
     * commit (registered in the repository and locked by this process); for a folder, a copy of the files git would
     * see. Before that it removes this module's stale worktrees of the same repository: those of runs that are gone
     * (Ctrl-C, {@code kill -9}), and those whose folder is gone when their run was on another host.
     *
     * @throws SourceException when the folder already exists, the project is over the {@link SourceLimits} (nothing
     *     copied then), the branch {@code agentloop/<short-id>} already exists, or git fails
     */
    @Override
    GitWorkingCopy open(CopyRequest request);
}
