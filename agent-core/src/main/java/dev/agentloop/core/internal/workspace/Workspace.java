package dev.agentloop.core.internal.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One task's folder of generated files. Edits are whole-file writes or unified diffs, with paths relative to the
 * root; a batch of edits is applied all or nothing. Every applied edit is kept as a diff, and {@link #diffSince}
 * gives the diff from any earlier {@link #snapshot()} to now, which is how a fix is linked to the failure it
 * resolved.
 *
 * <p>Not thread-safe: one run owns it.
 */
public final class Workspace {

    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:.*");

    private final Path root;
    private final Path realRoot;
    private final TreeMap<String, String> files = new TreeMap<>();
    private final List<AppliedEdit> history = new ArrayList<>();

    /**
     * @param root the task's folder; created when missing
     * @throws UncheckedIOException when it cannot be created
     */
    public Workspace(Path root) {
        Objects.requireNonNull(root, "root");
        try {
            Files.createDirectories(root);
            this.root = root.toAbsolutePath().normalize();
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the workspace folder " + root + ": " + e.getMessage(), e);
        }
    }

    /** One applied edit: the file it touched and the diff it made. */
    public record AppliedEdit(String path, String diff) {}

    public Path root() {
        return root;
    }

    /**
     * Applies a batch of edits, all or nothing, and writes the changed files.
     *
     * @return the edits that changed something, each with its diff, in order
     * @throws EditRejectedException naming the path when one escapes the workspace or its diff does not apply;
     *     then no file was changed
     */
    public List<AppliedEdit> apply(List<? extends Edit> edits) {
        Map<String, String> staged = new LinkedHashMap<>();
        Map<String, Path> targets = new LinkedHashMap<>();
        for (Edit edit : edits) {
            String path = normalise(edit.path());
            Path target = resolve(edit.path(), path);
            targets.put(path, target);
            String current =
                    staged.containsKey(path) ? staged.get(path) : files.getOrDefault(path, readIfExists(target));
            String next;
            if (edit instanceof Edit.WriteFile write) {
                next = write.content();
            } else if (edit instanceof Edit.ReplaceText replace) {
                next = replaced(path, current, replace);
            } else {
                try {
                    next = UnifiedDiff.apply(current, ((Edit.PatchFile) edit).diff());
                } catch (IllegalArgumentException e) {
                    throw new EditRejectedException(
                            "The diff for " + path + " was not applied: " + e.getMessage() + ".", false);
                }
            }
            staged.put(path, next);
        }
        List<AppliedEdit> applied = new ArrayList<>();
        for (Map.Entry<String, String> entry : staged.entrySet()) {
            String path = entry.getKey();
            Path target = targets.get(path);
            String before = files.getOrDefault(path, readIfExists(target));
            String diff = UnifiedDiff.diff(path, before, entry.getValue());
            if (diff.isEmpty() && files.containsKey(path)) {
                continue;
            }
            write(target, entry.getValue());
            files.put(path, entry.getValue());
            AppliedEdit edit = new AppliedEdit(path, diff);
            history.add(edit);
            applied.add(edit);
        }
        return applied;
    }

    private static String replaced(String path, String current, Edit.ReplaceText edit) {
        int at = current.indexOf(edit.search());
        if (at < 0) {
            throw new EditRejectedException(
                    "The text to replace in " + path + " was not found; quote it exactly as the file has it"
                            + " (read the file first).",
                    false);
        }
        if (current.indexOf(edit.search(), at + 1) >= 0) {
            throw new EditRejectedException(
                    "The text to replace in " + path + " occurs more than once; include more surrounding lines so"
                            + " it is unique.",
                    false);
        }
        return current.substring(0, at)
                + edit.replace()
                + current.substring(at + edit.search().length());
    }

    /**
     * The content of a file in the workspace, whether the run wrote it or it was there before (an existing
     * project's file); empty when it does not exist.
     *
     * @throws EditRejectedException when the path escapes the workspace
     */
    public String readAny(String relativePath) {
        String path = normalise(relativePath);
        String written = files.get(path);
        return written != null ? written : readIfExists(resolve(relativePath, path));
    }

    /** True when the file exists on disk (written by the run or there before). */
    public boolean exists(String relativePath) {
        String path = normalise(relativePath);
        return files.containsKey(path) || Files.isRegularFile(resolve(relativePath, path));
    }

    /** The path as the workspace keys it: relative, forward slashes, no {@code .} parts. */
    public String key(String relativePath) {
        return normalise(relativePath);
    }

    /**
     * Checks a model-given path and returns where it lives.
     *
     * @throws EditRejectedException naming the path when it is empty, absolute, contains {@code ..} or goes through
     *     a symbolic link that leads outside the workspace
     */
    public Path resolve(String relativePath) {
        return resolve(relativePath, normalise(relativePath));
    }

    private String normalise(String given) {
        if (given == null || given.isBlank()) {
            throw new EditRejectedException("An edit has an empty path; give a path relative to the workspace.", true);
        }
        String path = given.strip().replace('\\', '/');
        if (path.startsWith("/") || WINDOWS_ABSOLUTE.matcher(path).matches() || path.startsWith("~")) {
            throw new EditRejectedException(
                    "Edit path '" + given + "' is absolute; give a path relative to the workspace.", true);
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new EditRejectedException(
                        "Edit path '" + given + "' contains '..' and would leave the workspace.", true);
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new EditRejectedException("Edit path '" + given + "' names the workspace itself, not a file.", true);
        }
        return String.join("/", parts);
    }

    private Path resolve(String given, String normalised) {
        Path target = root.resolve(normalised).normalize();
        if (!target.startsWith(root)) {
            throw new EditRejectedException("Edit path '" + given + "' leaves the workspace.", true);
        }
        // Walk down from the root: any existing component that is a link must stay inside the real root.
        Path current = root;
        for (Path part : root.relativize(target)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current) || Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Path real;
                try {
                    real = current.toRealPath();
                } catch (IOException e) {
                    // a dangling link: where it points is what matters
                    real = danglingTarget(current);
                }
                if (!real.startsWith(realRoot)) {
                    throw new EditRejectedException(
                            "Edit path '" + given + "' goes through a symbolic link (" + root.relativize(current)
                                    + ") that leads outside the workspace.",
                            true);
                }
            } else {
                break;
            }
        }
        return target;
    }

    private static Path danglingTarget(Path link) {
        try {
            Path to = Files.readSymbolicLink(link);
            return link.getParent().resolve(to).toAbsolutePath().normalize();
        } catch (IOException e) {
            return link.toAbsolutePath().normalize();
        }
    }

    private static String readIfExists(Path target) {
        try {
            return Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes in place and then cuts the file to its new length, instead of truncating it to zero first: ext4 treats
     * truncate-to-zero-then-write as a replace and flushes the file on close, which made every rewrite of a file
     * (each CODE iteration rewrites the same ones) cost from 0.3 ms to tens of milliseconds on a busy disk. Nothing
     * reads the file while it is written (the sandbox runs after the batch), so the order is safe here.
     */
    private static void write(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            // strict like Files.writeString: text that is not valid UTF-16 fails instead of being written as '?'
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(content));
            int length = bytes.remaining();
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.truncate(length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes in a change made on disk by something other than an edit (a command the model ran): the file becomes one
     * the run wrote, and the change is kept as an applied edit with its diff. Nothing is written.
     *
     * @param relativePath the changed file
     * @param before its content before the change; empty when it did not exist
     * @param after its content now; null when the change deleted it
     * @return the applied edit, or empty when the content did not change
     * @throws EditRejectedException when the path escapes the workspace
     */
    public Optional<AppliedEdit> adopt(String relativePath, String before, String after) {
        String path = normalise(relativePath);
        resolve(relativePath, path);
        String diff = UnifiedDiff.diff(path, before, after == null ? "" : after);
        if (after == null) {
            files.remove(path);
        } else {
            files.put(path, after);
        }
        if (diff.isEmpty()) {
            return Optional.empty();
        }
        AppliedEdit edit = new AppliedEdit(path, diff);
        history.add(edit);
        return Optional.of(edit);
    }

    /**
     * Puts a file back as it was, after a change the run refused (a command's): nothing is recorded, since in the
     * end nothing changed.
     *
     * @throws EditRejectedException when the path escapes the workspace
     */
    public void restore(String relativePath, String content) {
        String path = normalise(relativePath);
        write(resolve(relativePath, path), content);
    }

    /** The files written so far, path to content, sorted by path. */
    public Map<String, String> files() {
        return Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The content of a written file, or empty when none was written at that path. */
    public String read(String relativePath) {
        return files.getOrDefault(normalise(relativePath), "");
    }

    /** A copy of the current contents, to compare with later. */
    public Map<String, String> snapshot() {
        return Map.copyOf(files);
    }

    /** The unified diff (all files, sorted by path) from {@code snapshot} to now; empty when nothing changed. */
    public String diffSince(Map<String, String> snapshot) {
        StringBuilder out = new StringBuilder();
        TreeMap<String, String> all = new TreeMap<>(snapshot);
        files.forEach(all::putIfAbsent);
        for (String path : all.keySet()) {
            out.append(UnifiedDiff.diff(path, snapshot.getOrDefault(path, ""), files.getOrDefault(path, "")));
        }
        return out.toString();
    }

    /** Every edit applied so far, in order. */
    public List<AppliedEdit> history() {
        return List.copyOf(history);
    }
}
