package dev.agentloop.core.source;

/**
 * Where a task's existing code comes from: a plain folder, a local git repository at a base ref, or a git URL. A
 * run never edits the source itself: it {@linkplain #open opens} a private working copy under the workspace root,
 * works there, and at the end turns the copy's state into a {@link Handoff} (a branch and a patch).
 *
 * <p>Implementations live outside core ({@code agent-git}: {@code GitSources.of(...)}); tests may implement it over a
 * plain folder.
 */
public interface Source {

    /** {@return one line for people and logs, e.g. {@code git repository /home/me/proj at main}} */
    String describe();

    /**
     * Checks the source (exists, is what it claims, is within the size limits) and makes the private copy.
     *
     * @param request the task and the folder the copy must be made in (it does not exist yet)
     * @return the private copy, which the caller closes
     * @throws SourceException with a sentence naming the problem (not a folder, unknown ref, too large...) before
     *     anything of the user's is changed
     */
    WorkingCopy open(CopyRequest request);
}
