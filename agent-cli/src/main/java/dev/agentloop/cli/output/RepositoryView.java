package dev.agentloop.cli.output;

import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.spi.HandoffRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repository part of {@code agent show}: which project a task worked on, and the branch, changed files and patch
 * it handed back. The patch is shown up to {@value #PATCH_LINES} lines, with a note on where the whole one is.
 */
public final class RepositoryView {

    /** Patch lines {@code agent show} prints before it points to the rest. */
    public static final int PATCH_LINES = 200;

    private RepositoryView() {}

    /** Lines for the task's header: the repository's name, base ref and commit, location and remote. */
    public static List<String> repository(RepositoryInfo r, int width) {
        List<String> out = new ArrayList<>();
        String base = r.baseRef().isEmpty() ? "" : ", base " + r.baseRef();
        String commit = r.baseCommit().isEmpty() ? "" : (base.isEmpty() ? ", base commit " : " at ") + r.baseCommit();
        out.add(Text.cut("  repository " + r.name() + base + commit, width));
        if (!r.location().isEmpty()) {
            out.add(Text.cut("    location " + r.location(), width));
        }
        if (!r.remote().isEmpty()) {
            out.add(Text.cut("    remote " + r.remote(), width));
        }
        return out;
    }

    /**
     * The section on what the run handed back.
     *
     * @param repository the project it worked on, for the {@code git} command that shows the whole patch
     * @param shortId the task's short id, for the {@code agent show --patch} hint
     * @param withPatch print the patch (up to {@value #PATCH_LINES} lines)
     */
    public static List<String> handoff(
            HandoffRecord h, Optional<RepositoryInfo> repository, String shortId, boolean withPatch, int width) {
        List<String> out = new ArrayList<>();
        out.add("");
        out.add(
                h.hasBranch()
                        ? "Handed off on branch " + h.branch()
                                + (h.commit().isEmpty() ? "" : " (commit " + h.commit() + ")")
                        : "Handed off as a patch");
        if (!h.files().isEmpty()) {
            out.add("  changed files (" + h.files().size() + "):");
            h.files().forEach(f -> out.add(Text.cut("    " + f, width)));
        }
        if (!h.patchFile().isEmpty()) {
            out.add(Text.cut("  patch file " + h.patchFile(), width));
        }
        if (!withPatch || h.patch().isEmpty()) {
            return out;
        }
        out.add("  patch:");
        List<String> lines = h.patch().lines().toList();
        lines.stream().limit(PATCH_LINES).forEach(l -> out.add("    " + l));
        int more = lines.size() - PATCH_LINES;
        if (more > 0 || h.patchTruncated()) {
            out.add("  " + (more > 0 ? "… " + more + " more line(s). " : "… ")
                    + wholePatch(h, repository, shortId, more > 0));
        }
        return out;
    }

    /** Where the whole patch is: the stored one through {@code --patch}, the complete one on the branch or in a file. */
    private static String wholePatch(
            HandoffRecord h, Optional<RepositoryInfo> repository, String shortId, boolean storedIsLonger) {
        List<String> ways = new ArrayList<>();
        if (storedIsLonger && !h.patchTruncated()) {
            ways.add("agent show " + shortId + " --patch");
        }
        String location = repository.map(RepositoryInfo::location).orElse("");
        if (h.hasBranch()) {
            ways.add(
                    location.isEmpty() || location.contains("://")
                            ? "git show " + h.branch()
                            : "git -C " + location + " show " + h.branch());
        }
        if (!h.patchFile().isEmpty()) {
            ways.add(h.patchFile());
        }
        String kept = h.patchTruncated()
                ? "The memory keeps the first " + HandoffRecord.MAX_PATCH_CHARS / 1024 + " KiB of the patch. "
                : "";
        return ways.isEmpty() ? kept.strip() : kept + "The whole patch: " + String.join(", or ", ways);
    }
}
