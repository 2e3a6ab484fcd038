package dev.agentloop.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Walks a folder the way git sees it: {@code .git} is skipped, and so is everything a {@code .gitignore} (in that
 * folder or any folder above it, up to the root) ignores. The rules are matched by JGit's {@link IgnoreNode}, one per
 * {@code .gitignore}, the deepest one deciding first as git does. Symbolic links are reported, never followed.
 */
public final class FolderWalker {

    /** What the walk found. */
    public enum Kind {
        DIRECTORY,
        FILE,
        SYMLINK
    }

    /**
     * One entry.
     *
     * @param path relative to the root, {@code /}-separated
     * @param file the entry on disk
     * @param kind what it is
     * @param bytes a file's size; 0 otherwise
     * @param insideLink for a symbolic link: true when its target, resolved against the link's folder, stays under
     *     the root
     */
    public record Entry(String path, Path file, Kind kind, long bytes, boolean insideLink) {}

    /** Receives the entries; a directory before its content. */
    @FunctionalInterface
    public interface Visitor {
        void visit(Entry entry);
    }

    private FolderWalker() {}

    /** Walks {@code root}, which must be a folder. */
    public static void walk(Path root, Visitor visitor) {
        Deque<Rules> rules = new ArrayDeque<>();
        try {
            // The real path, so that links given as absolute paths through a linked folder are judged rightly.
            Path base = root.toRealPath();
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(base)) {
                        if (dir.getFileName().toString().equals(".git") || ignored(rules, base, dir, true)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        visitor.visit(new Entry(relative(base, dir), dir, Kind.DIRECTORY, 0, false));
                    }
                    rules.push(Rules.read(base, dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    rules.pop();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().equals(".git")
                            || ignored(rules, base, file, attrs.isDirectory())) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        visitor.visit(new Entry(relative(base, file), file, Kind.SYMLINK, 0, pointsInside(base, file)));
                    } else if (attrs.isRegularFile()) {
                        visitor.visit(new Entry(relative(base, file), file, Kind.FILE, attrs.size(), false));
                    }
                    // Sockets, pipes and devices are not project files: git does not track them either.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the symbolic link {@code link} points to a path under {@code root} (textually, after normalising). */
    public static boolean pointsInside(Path root, Path link) {
        try {
            Path target = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
            return target.startsWith(root) && !target.equals(root);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ignored(Deque<Rules> rules, Path base, Path entry, boolean directory) {
        // Deepest .gitignore first; the first one with an opinion decides (JGit returns null when it has none).
        Iterator<Rules> deepestFirst = rules.iterator();
        while (deepestFirst.hasNext()) {
            Rules level = deepestFirst.next();
            if (level.node == null) {
                continue;
            }
            Boolean verdict = level.node.checkIgnored(relative(level.dir, entry), directory);
            if (verdict != null) {
                return verdict;
            }
        }
        return false;
    }

    private static String relative(Path base, Path entry) {
        return base.relativize(entry).toString().replace(entry.getFileSystem().getSeparator(), "/");
    }

    /** The rules of one folder's {@code .gitignore}; {@code node} is null when it has none. */
    private record Rules(Path dir, IgnoreNode node) {
        static Rules read(Path base, Path dir) throws IOException {
            Path file = dir.resolve(".gitignore");
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return new Rules(dir, null);
            }
            IgnoreNode node = new IgnoreNode();
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(base.relativize(file).toString(), in);
            }
            return new Rules(dir, node);
        }
    }
}
