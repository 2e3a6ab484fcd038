package dev.agentloop.core.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a solved run hands back on an existing project: the branch (git only), its one commit, and the patch.
 *
 * @param branch the branch made in the user's repository, e.g. {@code agentloop/1a2b3c4d}; empty for a plain folder
 * @param commit the commit id on that branch; empty for a plain folder
 * @param patchFile where the patch was written (a unified diff relative to the project's root, {@code git apply}
 *     reads it)
 * @param patch the patch's text
 * @param files the changed files, relative to the project's root, sorted
 * @param diffStat one line per changed file and a total, as {@code git diff --stat} prints it
 */
public record Handoff(
        Optional<String> branch, String commit, Path patchFile, String patch, List<String> files, String diffStat) {

    /**
     * Checks the components; null branch, commit or patch become empty, the file list is copied.
     *
     * @param branch the branch made in the user's repository, e.g. {@code agentloop/1a2b3c4d}; empty for a plain folder
     * @param commit the commit id on that branch; empty for a plain folder
     * @param patchFile where the patch was written (a unified diff relative to the project's root, {@code git apply}
     *     reads it)
     * @param patch the patch's text
     * @param files the changed files, relative to the project's root, sorted
     * @param diffStat one line per changed file and a total, as {@code git diff --stat} prints it
     */
    public Handoff {
        branch = branch == null ? Optional.empty() : branch;
        commit = commit == null ? "" : commit;
        Objects.requireNonNull(patchFile, "patchFile");
        patch = patch == null ? "" : patch;
        files = List.copyOf(files);
        diffStat = diffStat == null ? "" : diffStat;
    }
}
