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

/** A detached git worktree of the user's repository (or of a cached clone) at the base commit. */
final class WorktreeCopy implements GitWorkingCopy {

    private final Worktrees worktrees;
    private final CopyRepo copy;
    private final Path root;
    private final RepositoryInfo info;
    private final String base;
    private final SourceLimits limits;
    private final List<String> omitted;
    private final Optional<HandoffMaker.Branch> branch;
    private final Path patchFile;
    private final AtomicBoolean handedOff = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    WorktreeCopy(
            Git git,
            Worktrees worktrees,
            Path root,
            Path adminDir,
            RepositoryInfo info,
            String base,
            SourceLimits limits,
            List<String> omitted,
            Optional<HandoffMaker.Branch> branch,
            Path patchFile) {
        this.worktrees = worktrees;
        this.copy = new CopyRepo(git, root, adminDir);
        this.root = root;
        this.info = info;
        this.base = base;
        this.limits = limits;
        this.omitted = omitted;
        this.branch = branch;
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
        return HandoffMaker.make(copy, base, message, branch, patchFile);
    }

    @Override
    public Optional<String> baseContent(String path) {
        return copy.textAt(base, path);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            worktrees.remove(root);
        }
    }

    @Override
    public String toString() {
        return "worktree " + root + " of " + info.location() + " at " + base;
    }
}
