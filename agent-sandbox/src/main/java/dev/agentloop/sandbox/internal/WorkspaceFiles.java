package dev.agentloop.sandbox.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The task's workspace on the host: safe path resolution and file writes that stay inside it. */
public final class WorkspaceFiles {

    private static final Set<String> SKIPPED_DIRS =
            Set.of(".git", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis", ".venv", "venv");
    private static final int MAX_LISTED = 2_000;

    private final Path root;
    private final int ownerUid;
    private final int ownerGid;

    /**
     * @param ownerUid the uid files should belong to so the sandbox's user can change them; -1 to leave them as
     *     they are (only root can hand files to another user)
     */
    public WorkspaceFiles(Path root, int ownerUid, int ownerGid) {
        this.root = root.toAbsolutePath().normalize();
        this.ownerUid = ownerUid;
        this.ownerGid = ownerGid;
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a path relative to the workspace.
     *
     * @throws IllegalArgumentException naming the path when it is absolute or would leave the workspace
     */
    public Path resolve(String relativePath) {
        if (relativePath == null || relativePath.isBlank()) {
            throw new IllegalArgumentException("path must not be blank");
        }
        if (relativePath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path '" + relativePath.replace('\0', '?') + "' contains a NUL byte");
        }
        Path relative = Path.of(relativePath);
        if (relative.isAbsolute() || relativePath.startsWith("/") || relativePath.startsWith("\\")) {
            throw new IllegalArgumentException("path '" + relativePath + "' must be relative to the workspace");
        }
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("path '" + relativePath + "' would leave the workspace");
        }
        return resolved;
    }

    /** Resolves a working directory: empty means the root. */
    public String relativeDirectory(String relativePath) {
        if (relativePath == null || relativePath.isEmpty() || relativePath.equals(".")) {
            return "";
        }
        return root.relativize(resolve(relativePath)).toString();
    }

    /**
     * Writes a file, creating parent folders, refusing to write through a symbolic link (which could point out of
     * the workspace).
     *
     * @throws IllegalArgumentException naming the path when it would escape the workspace
     */
    public void write(String relativePath, String content) {
        Path target = resolve(relativePath);
        try {
            Path parent = target.getParent();
            for (Path p = parent; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    throw new IllegalArgumentException("path '" + relativePath
                            + "' goes through a symbolic link, which could leave the workspace");
                }
            }
            Files.createDirectories(parent);
            if (Files.isSymbolicLink(target)) {
                throw new IllegalArgumentException(
                        "path '" + relativePath + "' is a symbolic link, which could leave the workspace");
            }
            Files.writeString(target, content, StandardCharsets.UTF_8);
            handOver(target);
            for (Path p = parent; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                handOver(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + relativePath + " in the workspace: " + e.getMessage(), e);
        }
    }

    /** Makes the workspace root exist and belong to the sandbox's user. */
    public void prepare() {
        try {
            Files.createDirectories(root);
            handOver(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the workspace " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a copy of an existing project belong to the sandbox's user, every file and folder of it, so commands in
     * the sandbox can change it as the model's edits do (a project's tests may write files, the model may run
     * {@code sed -i}). Links are changed, not followed. Nothing to do when files cannot be handed over.
     */
    public void prepareTree() {
        prepare();
        if (ownerUid < 0) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                handOver(p);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException(
                    "Cannot hand the project copy " + root + " to the sandbox's user: " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** Source files below the root with one of these extensions (relative paths), skipping tool folders. */
    public List<String> sources(Set<String> extensions) {
        return sources(extensions, null);
    }

    /**
     * The files with these endings, as {@link #sources(Set)}, changed after {@code since} (by modification time);
     * all of them when {@code since} is null.
     */
    public List<String> sources(Set<String> extensions, java.nio.file.attribute.FileTime since) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root))
                    .filter(p -> root.relativize(p).toString().chars().noneMatch(c -> c == 0))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED_DIRS.contains(part.toString())
                                    || part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> extensions.stream()
                            .anyMatch(ext -> p.getFileName().toString().endsWith(ext)))
                    .filter(p -> since == null || modifiedAfter(p, since))
                    .limit(MAX_LISTED)
                    .forEach(p -> found.add(root.relativize(p).toString()));
        } catch (IOException | UncheckedIOException e) {
            // A file vanishing while the tree is walked (the sandbox deleting it) is not an error here.
        }
        found.sort(null);
        return found;
    }

    private static boolean modifiedAfter(Path p, java.nio.file.attribute.FileTime since) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).compareTo(since) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a workspace file without following a final symbolic link; empty text when it cannot be read. */
    public String readOrEmpty(String relativePath) {
        try {
            Path p = resolve(relativePath);
            if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > 2_000_000) {
                return "";
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            return "";
        }
    }

    private void handOver(Path p) throws IOException {
        if (ownerUid < 0) {
            return;
        }
        PosixFileAttributeView view =
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (uid instanceof Integer current && current == ownerUid) {
            return;
        }
        Files.setAttribute(p, "unix:uid", ownerUid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", ownerGid, LinkOption.NOFOLLOW_LINKS);
    }

    /** The uid to hand files to: the sandbox's when this process is root (and may chown), else none. */
    public static int handOverUid(int sandboxUid) {
        return isRoot() ? sandboxUid : -1;
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
