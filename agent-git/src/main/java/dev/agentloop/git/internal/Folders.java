package dev.agentloop.git.internal;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.FileTrees;
import dev.agentloop.core.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deleting a private copy's folders: links are removed, never followed. */
final class Folders {

    private static final Logger LOG = LoggerFactory.getLogger(Folders.class);

    private Folders() {}

    /**
     * Checks that a copy of the project at {@code project} can be made in {@code request.folder()} (a new folder,
     * outside the project: a copy inside it would change the user's files) and creates its parent.
     *
     * @param project the project's real path
     * @return the folder, absolute and normalised
     */
    static Path prepareNew(CopyRequest request, Path project) {
        Path folder = request.folder().toAbsolutePath().normalize();
        if (Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceException(folder + " already exists; a working copy is made in a new folder (remove it "
                    + "or give the task another id).");
        }
        if (realPathOfNew(folder).startsWith(project)) {
            throw new SourceException("The working copy " + folder + " would be inside the project " + project
                    + "; use a workspace folder outside it.");
        }
        try {
            Files.createDirectories(folder.getParent());
        } catch (IOException e) {
            throw new SourceException(
                    "Cannot create the workspace folder " + folder.getParent() + ": " + e.getMessage()
                            + "; check that it is writable.",
                    e);
        }
        return folder;
    }

    /** The real path {@code path} will have: its nearest existing ancestor's real path, and the rest. */
    private static Path realPathOfNew(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            return path;
        }
    }

    /** Where a copy's patch goes: beside the copy, named after the task, so it survives the copy. */
    static Path patchFileFor(Path folder, CopyRequest request) {
        return folder.resolveSibling(request.shortId() + ".patch");
    }

    /** Deletes {@code folder} and everything in it; a folder already gone is fine. */
    static void delete(Path folder) {
        FileTrees.delete(folder);
    }

    /** Like {@link #delete} but logs instead of throwing: for cleanup that must not hide the first failure. */
    static void deleteQuietly(Path folder) {
        try {
            delete(folder);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete {}: {}", folder, e.getMessage());
        }
    }
}
