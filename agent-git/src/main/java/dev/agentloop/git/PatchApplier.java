package dev.agentloop.git;

import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.internal.Git;
import dev.agentloop.git.internal.ProjectProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.Patch;

/**
 * Applies a {@link Handoff}'s patch to the user's own working tree ({@code --apply}), all or nothing, and only when
 * no file it touches has changes of the user's:
 *
 * <ul>
 *   <li>in a git repository, a touched file must not be modified, staged, untracked or ignored-in-the-way
 *       ({@code git status}); then {@code git apply} changes the working tree only (not the index, not HEAD);
 *   <li>in a plain folder, a touched file must be byte for byte what was copied (its hash is the patch's pre-image
 *       id), and a file the patch creates must not exist; then {@code git apply} writes the files.
 * </ul>
 *
 * A refusal is a {@link SourceException} naming the files, and changes nothing.
 */
public final class PatchApplier {

    private final Git git;

    PatchApplier(Git git) {
        this.git = git;
    }

    /**
     * With git on the PATH.
     *
     * @return the applier
     */
    public static PatchApplier ofDefaults() {
        return new PatchApplier(new Git(GitSources.DEFAULT_GIT));
    }

    /**
     * Applies the hand-off's patch file to {@code target}.
     *
     * @param handoff what a run handed back; its {@link Handoff#patchFile()} is read
     * @param target the user's project: the top of the git repository, or the plain folder, the copy was made from
     * @return the files the patch changed, relative to {@code target}, sorted; empty for an empty patch
     * @throws SourceException when the patch file is missing, a touched file has changes, or the patch does not apply
     */
    public List<String> apply(Handoff handoff, Path target) {
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(target, "target");
        Path patchFile = handoff.patchFile().toAbsolutePath();
        byte[] patch;
        try {
            patch = Files.readAllBytes(patchFile);
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot read the patch " + patchFile + ": " + e.getMessage()
                            + "; the hand-off's patch file must still exist to apply it.",
                    e);
        }
        if (patch.length == 0) {
            return List.of();
        }
        List<FileHeader> files = parse(patch, patchFile);
        git.requireUsable();
        ProjectProbe.Project project =
                ProjectProbe.probe(git, target.toAbsolutePath().normalize());
        Path root = project.root();
        if (project.bare()) {
            throw new SourceException(target + " is a bare repository: it has no working tree to apply a patch to; "
                    + "use the branch instead.");
        }
        if (project.kind() == ProjectProbe.Kind.REPOSITORY) {
            refuseDirtyInRepository(root, files);
        } else {
            refuseChangedInFolder(root, files);
        }
        Git.Call check = applyCall(root, project.kind(), "--check", patchFile);
        Git.Result checked = check.tryRun();
        if (!checked.ok()) {
            throw new SourceException("The patch " + patchFile + " does not apply to " + root + ": "
                    + checked.errorLine() + "; the files changed since the copy was made, use the branch or "
                    + "apply the patch by hand.");
        }
        applyCall(root, project.kind(), null, patchFile).run();
        return touchedPaths(files);
    }

    private Git.Call applyCall(Path root, ProjectProbe.Kind kind, String option, Path patchFile) {
        List<String> args = new ArrayList<>(List.of("apply", "--whitespace=nowarn"));
        if (option != null) {
            args.add(option);
        }
        args.add(patchFile.toString());
        Git.Call call = git.in(root, args.toArray(String[]::new));
        if (kind == ProjectProbe.Kind.FOLDER) {
            // Outside any repository: paths are taken relative to the folder, whatever lies above it.
            call.env(
                    "GIT_CEILING_DIRECTORIES",
                    root.getParent() == null ? "/" : root.getParent().toString());
        }
        return call;
    }

    private void refuseDirtyInRepository(Path root, List<FileHeader> files) {
        List<String> args = new ArrayList<>(List.of(
                "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching", "--no-renames", "--"));
        args.addAll(touchedPaths(files));
        List<String> dirty = new ArrayList<>();
        List<String> entries = git.in(root, args.toArray(String[]::new)).run().nulSeparated();
        for (String entry : entries) {
            if (entry.length() > 3) {
                dirty.add(entry.substring(3) + " (" + describeStatus(entry.substring(0, 2)) + ")");
            }
        }
        if (!dirty.isEmpty()) {
            throw new SourceException("Not applying the patch: files it touches have changes of yours in " + root + ": "
                    + String.join(", ", dirty) + "; commit or stash them first, or use the branch instead.");
        }
    }

    private static String describeStatus(String xy) {
        if (xy.equals("??")) {
            return "untracked";
        }
        if (xy.equals("!!")) {
            return "ignored";
        }
        if (xy.charAt(0) != ' ' && xy.charAt(1) != ' ') {
            return "staged and modified";
        }
        return xy.charAt(0) != ' ' ? "staged" : "modified";
    }

    private static void refuseChangedInFolder(Path root, List<FileHeader> files) {
        List<String> changed = new ArrayList<>();
        try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
            for (FileHeader file : files) {
                if (file.getChangeType() == DiffEntry.ChangeType.ADD) {
                    Path created = root.resolve(file.getNewPath());
                    if (Files.exists(created, LinkOption.NOFOLLOW_LINKS)) {
                        changed.add(file.getNewPath() + " (exists, the patch creates it)");
                    }
                    continue;
                }
                Path existing = root.resolve(file.getOldPath());
                if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                    changed.add(file.getOldPath() + " (deleted)");
                    continue;
                }
                // No pre-image id: only the file's mode changes, its content is not compared.
                AbbreviatedObjectId expected = file.getOldId();
                ObjectId actual = hasher.idFor(Constants.OBJ_BLOB, contentOf(existing));
                if (expected != null && expected.prefixCompare(actual) != 0) {
                    changed.add(file.getOldPath() + " (modified)");
                }
            }
        }
        if (!changed.isEmpty()) {
            throw new SourceException("Not applying the patch: files it touches changed in " + root
                    + " since the copy was made: " + String.join(", ", changed)
                    + "; undo those changes or apply the patch by hand.");
        }
    }

    private static byte[] contentOf(Path file) {
        try {
            // A link's blob is the link's target, as git stores it.
            return Files.isSymbolicLink(file)
                    ? Files.readSymbolicLink(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SourceException("Cannot read " + file + ": " + e.getMessage() + "; check its permissions.", e);
        }
    }

    private static List<FileHeader> parse(byte[] patch, Path patchFile) {
        Patch parsed = new Patch();
        try {
            parsed.parse(new java.io.ByteArrayInputStream(patch));
        } catch (IOException e) {
            throw new SourceException("Cannot read the patch " + patchFile + ": " + e.getMessage(), e);
        }
        if (!parsed.getErrors().isEmpty() || parsed.getFiles().isEmpty()) {
            String why = parsed.getErrors().isEmpty()
                    ? "it changes no file"
                    : parsed.getErrors().get(0).getMessage();
            throw new SourceException("The patch " + patchFile + " is not a git patch (" + why
                    + "); give the patch file a hand-off wrote.");
        }
        return List.copyOf(parsed.getFiles());
    }

    private static List<String> touchedPaths(List<FileHeader> files) {
        TreeSet<String> paths = new TreeSet<>();
        for (FileHeader file : files) {
            if (!file.getOldPath().equals(DiffEntry.DEV_NULL)) {
                paths.add(file.getOldPath());
            }
            if (!file.getNewPath().equals(DiffEntry.DEV_NULL)) {
                paths.add(file.getNewPath());
            }
        }
        return List.copyOf(paths);
    }
}
