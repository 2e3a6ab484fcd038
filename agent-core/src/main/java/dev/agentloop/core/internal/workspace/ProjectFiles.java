package dev.agentloop.core.internal.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only views of a project's folder for the model's actions: list by glob, read with line numbers, search by
 * regular expression. Never follows a symbolic link, never reads a binary file or one over {@link #MAX_FILE_BYTES}
 * (those are listed as such), and never looks into version-control or dependency folders.
 */
public final class ProjectFiles {

    /** Files larger than this are never read into a prompt. */
    public static final long MAX_FILE_BYTES = 1_048_576;

    private static final Set<String> SKIPPED_DIRS = Set.of(
            ".git",
            ".hg",
            ".svn",
            "node_modules",
            "__pycache__",
            ".pytest_cache",
            ".mypy_cache",
            ".tox",
            ".venv",
            "venv",
            ".eggs",
            ".hypothesis");
    private static final int SNIFF_BYTES = 8_000;

    private final Path root;

    /** @param root the project's root folder (the working copy) */
    public ProjectFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** Why a file is not shown: it is fine, binary, too large, or a link. */
    public enum Kind {
        TEXT,
        BINARY,
        TOO_LARGE,
        LINK
    }

    /** A listed file: its path relative to the root (forward slashes), size and kind. */
    public record Entry(String path, long size, Kind kind) {
        public String render() {
            return switch (kind) {
                case TEXT -> path;
                case BINARY -> path + "  (binary, not shown)";
                case TOO_LARGE -> path + "  (" + size + " bytes, over 1 MB, not shown)";
                case LINK -> path + "  (symbolic link, not followed)";
            };
        }
    }

    /**
     * The files whose relative path matches {@code glob} (e.g. {@code **}{@code /*.py}, {@code src/*}), sorted; at
     * most {@code limit}, and whether there were more.
     */
    public Listing list(String glob, int limit) {
        String pattern = glob == null || glob.isBlank() ? "**" : glob.strip();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        // "*.py" should also find files below the root, as people mean it
        PathMatcher anywhere =
                pattern.contains("/") ? matcher : FileSystems.getDefault().getPathMatcher("glob:**/" + pattern);
        List<Entry> found = new ArrayList<>();
        boolean[] more = {false};
        walk(entry -> {
            Path relative = Path.of(entry.path());
            if (matcher.matches(relative) || anywhere.matches(relative)) {
                if (found.size() >= limit) {
                    more[0] = true;
                    return false;
                }
                found.add(entry);
            }
            return true;
        });
        found.sort((a, b) -> a.path().compareTo(b.path()));
        return new Listing(found, more[0]);
    }

    /** Listed files and whether the limit cut the list. */
    public record Listing(List<Entry> entries, boolean truncated) {}

    /**
     * A file's lines {@code from}..{@code to} (1-based, inclusive; 0 for the file's end), each prefixed with its
     * number.
     *
     * @throws IllegalArgumentException with a sentence for the model when the file does not exist, is binary, too
     *     large or a link
     */
    public String read(String relativePath, int from, int to) {
        Entry entry = entry(relativePath);
        String text = textOf(entry);
        List<String> lines = text.lines().toList();
        int first = Math.max(1, from);
        int last = to <= 0 ? lines.size() : Math.min(to, lines.size());
        if (lines.isEmpty()) {
            return "(" + entry.path() + " is empty)";
        }
        if (first > lines.size()) {
            throw new IllegalArgumentException(
                    entry.path() + " has " + lines.size() + " lines; line " + first + " does not exist.");
        }
        StringBuilder out = new StringBuilder();
        int width = String.valueOf(last).length();
        for (int i = first; i <= last; i++) {
            out.append(String.format("%" + width + "d| ", i))
                    .append(lines.get(i - 1))
                    .append('\n');
        }
        if (first > 1 || last < lines.size()) {
            out.append("(lines ")
                    .append(first)
                    .append('-')
                    .append(last)
                    .append(" of ")
                    .append(lines.size())
                    .append(")\n");
        }
        return out.toString();
    }

    /** A file's whole text, or empty when it is not a readable text file. */
    public java.util.Optional<String> text(String relativePath) {
        try {
            return java.util.Optional.of(textOf(entry(relativePath)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Lines matching {@code regex} in the text files matching {@code glob}, as {@code path:line: text}, at most
     * {@code limit}.
     *
     * @throws IllegalArgumentException naming the problem when the expression does not compile
     */
    public SearchResult search(String regex, String glob, int limit) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("The search pattern is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + ".");
        }
        List<String> hits = new ArrayList<>();
        boolean more = false;
        int files = 0;
        for (Entry entry : list(glob, Integer.MAX_VALUE).entries()) {
            if (entry.kind() != Kind.TEXT) {
                continue;
            }
            String text;
            try {
                text = textOf(entry);
            } catch (IllegalArgumentException e) {
                continue;
            }
            files++;
            int number = 0;
            for (String line : (Iterable<String>) text.lines()::iterator) {
                number++;
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    if (hits.size() >= limit) {
                        more = true;
                        break;
                    }
                    String shown = line.length() > 300 ? line.substring(0, 300) + "…" : line;
                    hits.add(entry.path() + ":" + number + ": " + shown.strip());
                }
            }
            if (more) {
                break;
            }
        }
        return new SearchResult(hits, more, files);
    }

    /** Search hits, whether the limit cut them, and how many files were searched. */
    public record SearchResult(List<String> hits, boolean truncated, int filesSearched) {}

    /**
     * A file's size and modification time: what {@link #stamps()} compares to find the files a command changed
     * without reading them.
     */
    public record Stamp(long size, long modifiedNanos) {}

    /**
     * The stamp of every regular file (links and the skipped folders left out), by path relative to the root.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public Map<String, Stamp> stamps() {
        Map<String, Stamp> stamps = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root)
                                    && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        stamps.put(
                                root.relativize(file).toString().replace('\\', '/'),
                                new Stamp(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the project's files: " + e.getMessage(), e);
        }
        return stamps;
    }

    /** The paths added, deleted or changed (size or modification time) between two {@link #stamps()}, sorted. */
    public static List<String> changed(Map<String, Stamp> before, Map<String, Stamp> after) {
        TreeSet<String> changed = new TreeSet<>();
        after.forEach((path, stamp) -> {
            if (!stamp.equals(before.get(path))) {
                changed.add(path);
            }
        });
        before.keySet().stream().filter(p -> !after.containsKey(p)).forEach(changed::add);
        return List.copyOf(changed);
    }

    /** The listed entry for a path, checked (exists, inside, not through a link). */
    public Entry entry(String relativePath) {
        if (relativePath == null || relativePath.isBlank()) {
            throw new IllegalArgumentException("Give a file path relative to the project's root.");
        }
        String given = relativePath.strip().replace('\\', '/');
        Path target = root.resolve(given).normalize();
        if (given.startsWith("/") || !target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException(
                    "The path '" + relativePath + "' is outside the project; give a path relative to its root.");
        }
        Path current = root;
        for (Path part : root.relativize(target)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return new Entry(root.relativize(target).toString().replace('\\', '/'), 0, Kind.LINK);
            }
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("There is no file '" + relativePath + "' in the project"
                    + (Files.isDirectory(target) ? " (it is a folder: list its files instead)." : "."));
        }
        return entryOf(target);
    }

    private String textOf(Entry entry) {
        switch (entry.kind()) {
            case BINARY -> throw new IllegalArgumentException(entry.path() + " is a binary file; it is not shown.");
            case TOO_LARGE ->
                throw new IllegalArgumentException(
                        entry.path() + " is " + entry.size() + " bytes, over the 1 MB limit; search it instead.");
            case LINK ->
                throw new IllegalArgumentException(entry.path() + " is a symbolic link; links are not followed.");
            default -> {}
        }
        try {
            byte[] bytes = Files.readAllBytes(root.resolve(entry.path()));
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(entry.path() + " is not UTF-8 text; it is not shown.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + entry.path() + ": " + e.getMessage(), e);
        }
    }

    private Entry entryOf(Path file) {
        String path = root.relativize(file).toString().replace('\\', '/');
        if (Files.isSymbolicLink(file)) {
            return new Entry(path, 0, Kind.LINK);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                return new Entry(path, size, Kind.TOO_LARGE);
            }
            return new Entry(path, size, isBinary(file) ? Kind.BINARY : Kind.TEXT);
        } catch (IOException e) {
            return new Entry(path, 0, Kind.BINARY);
        }
    }

    /** A NUL byte in the first 8 kB: how git tells binary files too. */
    private static boolean isBinary(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private interface Visitor {
        /** @return false to stop */
        boolean visit(Entry entry);
    }

    private void walk(Visitor visitor) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)
                            && SKIPPED_DIRS.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isDirectory()) {
                        return FileVisitResult.CONTINUE;
                    }
                    return visitor.visit(entryOf(file)) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the project's files: " + e.getMessage(), e);
        }
    }
}
