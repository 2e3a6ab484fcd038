package dev.agentloop.git;

/** What {@link dev.agentloop.core.source.WorkingCopy#handOff handing off} a git repository's copy leaves behind. */
public enum HandoffMode {
    /** A branch {@code agentloop/<short-id>} with one commit on the base, and the patch file (the default). */
    BRANCH_AND_PATCH,
    /** The patch file only, e.g. when the patch is then applied to the user's working tree ({@code --apply}). */
    PATCH_ONLY
}
