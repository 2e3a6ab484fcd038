package dev.agentloop.git;

/** What a {@link GitSource} copies from. */
public enum SourceKind {
    /** A plain folder: copied respecting its {@code .gitignore} files; the hand-off is a patch only. */
    FOLDER,
    /** A local git repository at a base ref: a git worktree; the hand-off is a branch and a patch. */
    REPOSITORY,
    /** A git URL: fetched into a cached clone, then like {@link #REPOSITORY}, the branch made in the clone. */
    REMOTE
}
