package dev.agentloop.git.internal;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.GitSource;
import dev.agentloop.git.GitWorkingCopy;
import dev.agentloop.git.HandoffMode;
import dev.agentloop.git.SourceKind;
import dev.agentloop.git.SourceLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A git repository (the user's, or a cached clone of a URL) at a pinned base commit; copies are worktrees. */
public final class RepositorySource implements GitSource {

    private static final Logger LOG = LoggerFactory.getLogger(RepositorySource.class);

    private static final String SYMLINK_MODE = "120000";

    private final Git git;
    private final Path repository;
    private final RepositoryInfo info;
    private final SourceKind kind;
    private final SourceLimits limits;
    private final HandoffMode mode;

    /**
     * @param repository the repository's top folder (or the bare repository)
     * @param info what it is, with the base commit already resolved
     */
    public RepositorySource(
            Git git, Path repository, RepositoryInfo info, SourceKind kind, SourceLimits limits, HandoffMode mode) {
        this.git = git;
        this.repository = repository;
        this.info = info;
        this.kind = kind;
        this.limits = limits;
        this.mode = mode;
    }

    /** The full commit id {@code ref} names in {@code repository}; empty when it names none. */
    public static Optional<String> resolve(Git git, Path repository, String ref) {
        Git.Result result = git.in(
                        repository, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}")
                .tryRun();
        return result.ok() ? Optional.of(result.line()) : Optional.empty();
    }

    /** The repository's {@code origin} URL, or empty. */
    public static String origin(Git git, Path repository) {
        Git.Result result =
                git.in(repository, "config", "--get", "remote.origin.url").tryRun();
        return result.ok() ? result.line() : "";
    }

    @Override
    public SourceKind kind() {
        return kind;
    }

    @Override
    public RepositoryInfo repository() {
        return info;
    }

    @Override
    public Optional<Path> branchRepository() {
        return mode == HandoffMode.BRANCH_AND_PATCH ? Optional.of(repository) : Optional.empty();
    }

    @Override
    public String describe() {
        String where = kind == SourceKind.REMOTE
                ? "git URL " + info.location() + " (cached clone " + repository + ")"
                : "git repository " + repository;
        return where + " at " + info.baseRef() + " (" + info.baseCommit().substring(0, 12) + ")";
    }

    @Override
    public GitWorkingCopy open(CopyRequest request) {
        Path folder = Folders.prepareNew(request, repository);
        Worktrees worktrees = new Worktrees(git, repository);
        worktrees.pruneStale();
        Optional<HandoffMaker.Branch> branch = Optional.empty();
        if (mode == HandoffMode.BRANCH_AND_PATCH) {
            String name = "agentloop/" + request.shortId();
            if (HandoffMaker.branchExists(git, repository, name)) {
                throw HandoffMaker.branchExistsError(name, repository);
            }
            branch = Optional.of(new HandoffMaker.Branch(name, repository));
        }
        List<String> links = checkSizeAndListLinks();
        long started = System.nanoTime();
        worktrees.add(folder, info.baseCommit());
        try {
            Path adminDir = worktrees.adminDir(folder);
            List<String> omitted = dropLinksOutside(new CopyRepo(git, folder, adminDir), links);
            LOG.info(
                    "Opened a worktree of {} at {} in {} ({} ms)",
                    repository,
                    info.baseCommit(),
                    folder,
                    (System.nanoTime() - started) / 1_000_000);
            return new WorktreeCopy(
                    git,
                    worktrees,
                    folder,
                    adminDir,
                    info,
                    info.baseCommit(),
                    limits,
                    omitted,
                    branch,
                    Folders.patchFileFor(folder, request));
        } catch (RuntimeException e) {
            try {
                worktrees.remove(folder);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Counts the base commit's files and bytes against the limits; returns the paths of its symbolic links. */
    private List<String> checkSizeAndListLinks() {
        long files = 0;
        long bytes = 0;
        List<String> links = new ArrayList<>();
        // <mode> SP <type> SP <object> SP+ <size> TAB <path>, NUL-terminated
        for (String entry : git.in(repository, "ls-tree", "-r", "-l", "-z", "--full-tree", info.baseCommit())
                .run()
                .nulSeparated()) {
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).split(" +");
            if (!meta[1].equals("blob")) {
                continue; // submodules are not checked out
            }
            files++;
            bytes += Long.parseLong(meta[3]);
            if (meta[0].equals(SYMLINK_MODE)) {
                links.add(entry.substring(tab + 1));
            }
        }
        if (files > limits.maxFiles()) {
            throw new SourceException(
                    info.name() + " has " + files + " files at " + info.baseRef() + ", over the limit of "
                            + limits.maxFiles() + "; raise the file limit or work on a smaller repository.");
        }
        if (bytes > limits.maxBytes()) {
            throw new SourceException(info.name() + " has " + Sizes.mib(bytes) + " of files at " + info.baseRef()
                    + ", over the limit of " + Sizes.mib(limits.maxBytes())
                    + "; raise the size limit or work on a smaller repository.");
        }
        return links;
    }

    /**
     * Deletes the checked-out links that point out of the copy, and marks them skip-worktree in the copy's own index
     * so that the hand-off's {@code git add --all} keeps them as they are instead of recording their deletion.
     */
    private List<String> dropLinksOutside(CopyRepo copy, List<String> links) {
        Path folder = copy.folder();
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            throw new SourceException("Cannot read the new worktree " + folder + ": " + e.getMessage(), e);
        }
        List<String> outside = new ArrayList<>();
        for (String link : links) {
            Path file = root.resolve(link);
            if (Files.isSymbolicLink(file) && !FolderWalker.pointsInside(root, file)) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new SourceException(
                            "Cannot remove the link " + file + " that points out of the copy: " + e.getMessage(), e);
                }
                outside.add(link);
            }
        }
        if (!outside.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("update-index", "--skip-worktree", "--"));
            args.addAll(outside);
            copy.call(args.toArray(String[]::new)).run();
            LOG.info("Left {} links that point out of the repository out of the copy: {}", outside.size(), outside);
        }
        return List.copyOf(outside);
    }
}
