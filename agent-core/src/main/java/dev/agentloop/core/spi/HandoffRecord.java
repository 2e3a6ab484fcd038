package dev.agentloop.core.spi;

import dev.agentloop.core.source.Handoff;
import java.util.List;
import java.util.Objects;

/**
 * What a solved run on an existing project handed back, as the memory keeps it for {@code agent history} and {@code
 * agent show}. The patch is kept bounded: the whole one stays on the branch and in {@code patchFile}.
 *
 * @param branch the branch made in the user's repository, e.g. {@code agentloop/1a2b3c4d}; empty for a plain folder
 * @param commit the commit id on that branch; empty for a plain folder
 * @param patchFile where the whole patch was written; empty when unknown
 * @param patch the patch's text, at most {@value #MAX_PATCH_CHARS} characters: a longer one is cut at the end of
 *     its last whole line within that bound
 * @param patchTruncated true when {@code patch} is only the start of the patch
 * @param files the changed files, relative to the project's root, at most {@value #MAX_FILES} (the rest are left
 *     out; {@code diffStat}'s total still counts them)
 * @param diffStat one line per changed file and a total, as {@code git diff --stat} prints it
 */
public record HandoffRecord(
        String branch,
        String commit,
        String patchFile,
        String patch,
        boolean patchTruncated,
        List<String> files,
        String diffStat) {

    /** The most characters of a patch kept: 64 KiB. */
    public static final int MAX_PATCH_CHARS = 65_536;

    /** The most changed files kept. */
    public static final int MAX_FILES = 1_000;

    /**
     * Checks the components; null texts become empty and the patch is cut to {@value #MAX_PATCH_CHARS} characters.
     *
     * @param branch the branch made in the user's repository, e.g. {@code agentloop/1a2b3c4d}; empty for a plain folder
     * @param commit the commit id on that branch; empty for a plain folder
     * @param patchFile where the whole patch was written; empty when unknown
     * @param patch the patch's text, at most {@value #MAX_PATCH_CHARS} characters: a longer one is cut at the end of
     *     its last whole line within that bound
     * @param patchTruncated true when {@code patch} is only the start of the patch
     * @param files the changed files, relative to the project's root, at most {@value #MAX_FILES} (the rest are left
     *     out; {@code diffStat}'s total still counts them)
     * @param diffStat one line per changed file and a total, as {@code git diff --stat} prints it
     */
    public HandoffRecord {
        branch = branch == null ? "" : branch;
        commit = commit == null ? "" : commit;
        patchFile = patchFile == null ? "" : patchFile;
        patch = patch == null ? "" : patch;
        if (patch.length() > MAX_PATCH_CHARS) {
            int lineEnd = patch.lastIndexOf('\n', MAX_PATCH_CHARS - 1);
            patch = patch.substring(0, lineEnd > 0 ? lineEnd + 1 : MAX_PATCH_CHARS);
            patchTruncated = true;
        }
        files = files == null ? List.of() : List.copyOf(files.subList(0, Math.min(files.size(), MAX_FILES)));
        diffStat = diffStat == null ? "" : diffStat;
    }

    /**
     * The handoff as the memory keeps it: the patch cut to {@value #MAX_PATCH_CHARS} characters, the patch file's
     * path as text.
     *
     * @param handoff what the run handed back
     * @return the record
     */
    public static HandoffRecord of(Handoff handoff) {
        Objects.requireNonNull(handoff, "handoff");
        return new HandoffRecord(
                handoff.branch().orElse(""),
                handoff.commit(),
                handoff.patchFile().toString(),
                handoff.patch(),
                false,
                handoff.files(),
                handoff.diffStat());
    }

    /** {@return true when the run made a branch (a git repository); false for a plain folder} */
    public boolean hasBranch() {
        return !branch.isEmpty();
    }
}
