package dev.agentloop.git;

/** Why a file of a working copy should stay out of prompts. */
public enum FileFlag {
    /** Git would call it binary: a NUL byte in its first 8,000 bytes (JGit's {@code RawText.isBinary}). */
    BINARY,
    /** Larger than {@link SourceLimits#maxFileBytes()}. */
    LARGE,
    /** A symbolic link to something inside the copy: its target is listed on its own. */
    SYMLINK,
    /** A symbolic link that points out of the copy: never followed, its target never read. */
    SYMLINK_OUTSIDE
}
