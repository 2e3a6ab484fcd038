package dev.agentloop.git.internal;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.RepositoryInfo;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.GitSource;
import dev.agentloop.git.GitWorkingCopy;
import dev.agentloop.git.SourceKind;
import dev.agentloop.git.SourceLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain folder. Its copy holds the files git would see ({@code .gitignore} respected, links out of the folder
 * left out), and a private git directory beside the copy records the copy's first state, so that the hand-off is a
 * real git patch of what the run changed.
 */
public final class FolderSource implements GitSource {

    private static final Logger LOG = LoggerFactory.getLogger(FolderSource.class);

    /**
     * The snapshot stores files byte for byte whatever the folder's {@code .gitattributes} say, so the patch's
     * pre-image ids are the hashes of the user's files and an apply can tell a file changed since the copy.
     */
    private static final String NO_CONVERSION = "* -text !eol !filter -ident !working-tree-encoding\n";

    private final Git git;
    private final Path folder;
    private final RepositoryInfo info;
    private final SourceLimits limits;

    public FolderSource(Git git, Path folder, String location, SourceLimits limits) {
        this.git = git;
        this.folder = folder;
        this.info = new RepositoryInfo(
                folder.getFileName() == null ? "root" : folder.getFileName().toString(), location, "", "", "");
        this.limits = limits;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.FOLDER;
    }

    @Override
    public RepositoryInfo repository() {
        return info;
    }

    @Override
    public Optional<Path> branchRepository() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "folder " + folder;
    }

    @Override
    public GitWorkingCopy open(CopyRequest request) {
        Path copy = Folders.prepareNew(request, folder);
        List<FolderWalker.Entry> entries = listWithinLimits();
        Path gitDir = copy.resolveSibling(copy.getFileName() + ".snapshot.git");
        try {
            List<String> omitted = copyEntries(entries, copy);
            String snapshot = snapshot(copy, gitDir);
            LOG.info("Copied {} entries of {} to {}", entries.size(), folder, copy);
            return new FolderCopy(
                    new CopyRepo(git, copy, gitDir),
                    copy,
                    gitDir,
                    info,
                    snapshot,
                    limits,
                    omitted,
                    Folders.patchFileFor(copy, request));
        } catch (RuntimeException e) {
            Folders.deleteQuietly(copy);
            Folders.deleteQuietly(gitDir);
            throw e;
        }
    }

    private List<FolderWalker.Entry> listWithinLimits() {
        List<FolderWalker.Entry> entries = new ArrayList<>();
        long[] filesAndBytes = new long[2];
        FolderWalker.walk(folder, entry -> {
            entries.add(entry);
            if (entry.kind() != FolderWalker.Kind.DIRECTORY) {
                filesAndBytes[0]++;
                filesAndBytes[1] += entry.bytes();
            }
            if (filesAndBytes[0] > limits.maxFiles()) {
                throw new SourceException(folder + " has more than " + limits.maxFiles()
                        + " files (not counting ignored ones), over the limit; raise the file limit or work on a "
                        + "smaller folder.");
            }
            if (filesAndBytes[1] > limits.maxBytes()) {
                throw new SourceException(folder + " has more than " + Sizes.mib(limits.maxBytes())
                        + " of files (not counting ignored ones), over the limit; raise the size limit or work on a "
                        + "smaller folder.");
            }
        });
        return entries;
    }

    /** Copies the entries; returns the links left out because they point out of the folder. */
    private static List<String> copyEntries(List<FolderWalker.Entry> entries, Path copy) {
        List<String> omitted = new ArrayList<>();
        try {
            Files.createDirectory(copy);
            for (FolderWalker.Entry entry : entries) {
                Path target = copy.resolve(entry.path());
                switch (entry.kind()) {
                    case DIRECTORY -> Files.createDirectory(target);
                    case FILE ->
                        Files.copy(entry.file(), target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    case SYMLINK -> {
                        if (entry.insideLink()) {
                            Files.createSymbolicLink(target, Files.readSymbolicLink(entry.file()));
                        } else {
                            omitted.add(entry.path());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot copy the folder to " + copy + ": " + e.getMessage()
                            + "; check the free space and permissions.",
                    e);
        }
        if (!omitted.isEmpty()) {
            LOG.info("Left {} links that point out of the folder out of the copy: {}", omitted.size(), omitted);
        }
        return List.copyOf(omitted);
    }

    /** Records the copy's first state in a private git directory; returns the snapshot commit. */
    private String snapshot(Path copy, Path gitDir) {
        git.in(copy.getParent(), "init", "--quiet", "--bare", gitDir.toString()).run();
        try {
            Files.writeString(gitDir.resolve("info").resolve("attributes"), NO_CONVERSION, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceException("Cannot write to " + gitDir + ": " + e.getMessage(), e);
        }
        CopyRepo repo = new CopyRepo(git, copy, gitDir);
        // Light compression: the snapshot lives only as long as the run.
        repo.call("add", "--all").config("core.looseCompression", "1").run();
        String tree = repo.call("write-tree").run().line();
        return repo.call("commit-tree", "--no-gpg-sign", "-m", "agentloop: copy of " + folder, tree)
                .env("GIT_AUTHOR_NAME", HandoffMaker.DEFAULT_NAME)
                .env("GIT_AUTHOR_EMAIL", HandoffMaker.DEFAULT_EMAIL)
                .env("GIT_COMMITTER_NAME", HandoffMaker.DEFAULT_NAME)
                .env("GIT_COMMITTER_EMAIL", HandoffMaker.DEFAULT_EMAIL)
                .run()
                .line();
    }
}
