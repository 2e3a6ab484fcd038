package dev.agentloop.git.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The git worktrees this module registers in a user's repository. Each is added detached and <em>locked</em> with
 * its owner as the reason ({@link CopyOwner}): the user's own {@code git worktree prune} leaves a copy in use alone,
 * and a later run can tell which copies are stale (folder gone, or owner process gone) and remove exactly those,
 * never a worktree of the user's.
 */
final class Worktrees {

    private static final Logger LOG = LoggerFactory.getLogger(Worktrees.class);

    /** One worktree as {@code git worktree list --porcelain} shows it. */
    record Listed(Path path, Optional<String> lockReason) {}

    private final Git git;
    private final Path repository;

    Worktrees(Git git, Path repository) {
        this.git = git;
        this.repository = repository;
    }

    /**
     * Writers of a checkout in parallel: creating the files dominates opening a copy, and most of that time is spent
     * waiting on the file system, so more writers than cores still help (measured in docs/benchmarks.md).
     */
    static final int CHECKOUT_WORKERS = 8;

    /** Adds a detached worktree at {@code commit} in {@code folder}, locked for this process. */
    void add(Path folder, String commit) {
        git.in(
                        repository,
                        "worktree",
                        "add",
                        "--quiet",
                        "--detach",
                        "--lock",
                        "--reason",
                        CopyOwner.current().lockReason(),
                        folder.toString(),
                        commit)
                .config("checkout.workers", Integer.toString(CHECKOUT_WORKERS))
                .run();
    }

    /** Unregisters the worktree at {@code folder} and deletes what is left of the folder. Never throws. */
    void remove(Path folder) {
        if (unregister(folder)) {
            Folders.deleteQuietly(folder); // what git left: ignored files it does not delete
            return;
        }
        // The copy's .git file may have been damaged by the run: delete the folder, then git forgets it.
        Folders.deleteQuietly(folder);
        if (!unregister(folder)) {
            LOG.warn("Could not unregister the working copy {} from {}", folder, repository);
        }
    }

    /** The worktree's own git directory ({@code <repository>/.git/worktrees/<name>}), read right after adding it. */
    Path adminDir(Path folder) {
        return Path.of(git.in(folder, "rev-parse", "--absolute-git-dir").run().line());
    }

    /** {@code git worktree remove}: deletes a valid worktree's folder, or forgets one whose folder is gone. */
    private boolean unregister(Path folder) {
        // Twice --force: the worktree is locked, and it is expected to have changes.
        Git.Result result = git.in(repository, "worktree", "remove", "--force", "--force", folder.toString())
                .tryRun();
        if (!result.ok()) {
            LOG.debug("git worktree remove {}: {}", folder, result.errorLine());
        }
        return result.ok() || !isListed(folder);
    }

    /**
     * Removes this module's stale worktrees: those whose owner process is gone (a run stopped by Ctrl-C or killed
     * with {@code kill -9}), whatever is left of their folder, and those whose folder is gone when the owner lived on
     * another host (a container, a shared disk), where its process cannot be checked. A copy whose owner still runs on
     * this host stays even without its folder: that owner removes it on close, and a copy being made right now is
     * registered a moment before its folder exists. The user's own worktrees are never touched.
     *
     * @return the folders of the worktrees removed
     */
    List<Path> pruneStale() {
        CopyOwner me = CopyOwner.current();
        List<Path> removed = new ArrayList<>();
        for (Listed worktree : list()) {
            Optional<CopyOwner> owner = worktree.lockReason().flatMap(CopyOwner::fromLockReason);
            if (owner.isEmpty()) {
                continue;
            }
            boolean ownerGone = owner.get().isGoneAsSeenBy(me);
            boolean goneElsewhere = !owner.get().host().equals(me.host()) && !Files.exists(worktree.path());
            if (ownerGone || goneElsewhere) {
                String why = ownerGone ? "the run that made it is gone" : "its folder is gone";
                // Only git's own removal: it deletes the folder only when it still is that worktree.
                if (unregister(worktree.path())) {
                    LOG.info("Removed the stale working copy {} from {} ({})", worktree.path(), repository, why);
                    removed.add(worktree.path());
                } else {
                    LOG.warn(
                            "Could not remove the stale working copy {} from {} ({}); remove it with 'git "
                                    + "worktree remove --force --force {}'",
                            worktree.path(),
                            repository,
                            why,
                            worktree.path());
                }
            }
        }
        return removed;
    }

    /** The worktrees registered in the repository (the main one first). */
    List<Listed> list() {
        List<Listed> worktrees = new ArrayList<>();
        Path path = null;
        Optional<String> lock = Optional.empty();
        for (String entry : git.in(repository, "worktree", "list", "--porcelain", "-z")
                .run()
                .nulSeparated()) {
            if (entry.startsWith("worktree ")) {
                if (path != null) {
                    worktrees.add(new Listed(path, lock));
                }
                path = Path.of(entry.substring("worktree ".length()));
                lock = Optional.empty();
            } else if (entry.equals("locked")) {
                lock = Optional.of("");
            } else if (entry.startsWith("locked ")) {
                lock = Optional.of(entry.substring("locked ".length()));
            }
        }
        if (path != null) {
            worktrees.add(new Listed(path, lock));
        }
        return worktrees;
    }

    private boolean isListed(Path folder) {
        return list().stream().anyMatch(w -> w.path().equals(folder));
    }
}
