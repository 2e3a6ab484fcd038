package dev.agentloop.core.internal.repomap;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Lists every file under the root except those in {@link #SKIPPED_FOLDERS}, {@code *.egg-info} folders, virtual
 * environments (folders holding {@code pyvenv.cfg}), compiled Python files and a worktree's {@code .git} file. Does not
 * read {@code .gitignore}: a lister that does belongs with the git support.
 */
final class WalkingFileLister implements FileLister {

    /** Folders never mapped: version control, dependencies, caches, virtual environments, IDE state. */
    static final Set<String> SKIPPED_FOLDERS = Set.of(
            ".git",
            ".hg",
            ".svn",
            "node_modules",
            "__pycache__",
            ".venv",
            "venv",
            ".tox",
            ".nox",
            ".mypy_cache",
            ".pytest_cache",
            ".ruff_cache",
            ".eggs",
            ".idea",
            ".vscode",
            ".gradle",
            ".cache");

    @Override
    public List<String> list(Path root) throws IOException {
        List<String> paths = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && skippedFolder(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!skippedFile(file.getFileName().toString())) {
                    paths.add(relative(root, file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // An unreadable entry is still listed; the inspector reports it as unreadable.
                paths.add(relative(root, file));
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(paths);
        return paths;
    }

    @Override
    public boolean includes(Path root, String relativePath) {
        String[] parts = relativePath.split("/");
        if (skippedFile(parts[parts.length - 1])) {
            return false;
        }
        Path dir = root;
        for (int i = 0; i < parts.length - 1; i++) {
            dir = dir.resolve(parts[i]);
            if (skippedFolder(dir)) {
                return false;
            }
        }
        return true;
    }

    private static boolean skippedFolder(Path dir) {
        String name = dir.getFileName().toString();
        return SKIPPED_FOLDERS.contains(name) || name.endsWith(".egg-info") || Files.exists(dir.resolve("pyvenv.cfg"));
    }

    private static boolean skippedFile(String name) {
        // a worktree's .git is a file pointing at its repository's metadata: never code
        return name.endsWith(".pyc") || name.endsWith(".pyo") || name.equals(".DS_Store") || name.equals(".git");
    }

    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
