package dev.agentloop.git.internal;

import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.git.CopyFile;
import dev.agentloop.git.CopyFiles;
import dev.agentloop.git.GitWorkingCopy;
import dev.agentloop.git.SourceLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A copy of a plain folder, its first state kept in a private git directory beside it. */
final class FolderCopy implements GitWorkingCopy {

    private final CopyRepo copy;
    private final Path root;
    private final Path gitDir;
    private final RepositoryInfo info;
    private final String snapshot;
    private final SourceLimits limits;
    private final List<String> omitted;
    private final Path patchFile;
    private final AtomicBoolean handedOff = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    FolderCopy(
            CopyRepo copy,
            Path root,
            Path gitDir,
            RepositoryInfo info,
            String snapshot,
            SourceLimits limits,
            List<String> omitted,
            Path patchFile) {
        this.copy = copy;
        this.root = root;
        this.gitDir = gitDir;
        this.info = info;
        this.snapshot = snapshot;
        this.limits = limits;
        this.omitted = omitted;
        this.patchFile = patchFile;
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public RepositoryInfo repository() {
        return info;
    }

    @Override
    public List<CopyFile> files() {
        return CopyFiles.list(root, limits);
    }

    @Override
    public List<String> omitted() {
        return omitted;
    }

    @Override
    public Path patchFile() {
        return patchFile;
    }

    @Override
    public Handoff handOff(String message) {
        if (closed.get()) {
            throw new IllegalStateException("The working copy " + root + " is closed; hand off before closing it.");
        }
        if (!handedOff.compareAndSet(false, true)) {
            throw new IllegalStateException("The working copy " + root + " was already handed off.");
        }
        Handoff made = HandoffMaker.make(copy, snapshot, message, Optional.empty(), patchFile);
        // A folder has no commits of its own: the snapshot's commit id means nothing to the user.
        return new Handoff(Optional.empty(), "", made.patchFile(), made.patch(), made.files(), made.diffStat());
    }

    @Override
    public Optional<String> baseContent(String path) {
        return copy.textAt(snapshot, path);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Folders.deleteQuietly(root);
            Folders.deleteQuietly(gitDir);
        }
    }

    @Override
    public String toString() {
        return "copy " + root + " of " + info.location();
    }
}
