package dev.agentloop.git.internal;

import dev.agentloop.core.source.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells what a folder the user named is: a plain folder, or the top of a git repository (a working tree, or a bare
 * repository). A folder inside a repository but not its top is refused: repository mode works on whole repositories,
 * and a patch made for a subfolder would not apply at the repository's top.
 */
public final class ProjectProbe {

    /** What the folder is. */
    public enum Kind {
        FOLDER,
        REPOSITORY
    }

    /**
     * The answer.
     *
     * @param kind a plain folder or a repository
     * @param root the folder's real path (for a repository, its top)
     * @param bare true for a bare repository
     */
    public record Project(Kind kind, Path root, boolean bare) {}

    private ProjectProbe() {}

    /**
     * @throws SourceException when {@code dir} does not exist, is not a folder, or lies inside a repository without
     *     being its top
     */
    public static Project probe(Git git, Path dir) {
        if (!Files.exists(dir)) {
            throw new SourceException(dir + " does not exist; give an existing folder or git repository.");
        }
        if (!Files.isDirectory(dir)) {
            throw new SourceException(dir + " is not a folder; give the project's folder or git repository.");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new SourceException("Cannot read " + dir + ": " + e.getMessage() + "; check its permissions.", e);
        }
        Git.Result where = git.in(real, "rev-parse", "--is-bare-repository", "--absolute-git-dir")
                .tryRun();
        if (!where.ok()) {
            if (where.stderr().contains("not a git repository")) {
                return new Project(Kind.FOLDER, real, false);
            }
            throw new SourceException("Cannot tell whether " + dir + " is a git repository: " + where.errorLine()
                    + "; fix the repository or give a plain folder.");
        }
        String[] lines = where.stdoutText().strip().split("\n");
        boolean bare = lines[0].strip().equals("true");
        Path gitDir = Path.of(lines[lines.length - 1].strip());
        if (bare) {
            if (!gitDir.equals(real)) {
                throw insideRepository(dir, gitDir);
            }
            return new Project(Kind.REPOSITORY, real, true);
        }
        Git.Result top = git.in(real, "rev-parse", "--show-toplevel").tryRun();
        if (!top.ok()) {
            throw insideRepository(dir, gitDir);
        }
        Path topLevel = Path.of(top.line());
        if (!topLevel.equals(real)) {
            throw insideRepository(dir, topLevel);
        }
        return new Project(Kind.REPOSITORY, real, false);
    }

    private static SourceException insideRepository(Path dir, Path repository) {
        return new SourceException(dir + " is inside the git repository " + repository
                + " but is not its top folder; give " + repository + " (repository mode works on whole repositories).");
    }
}
