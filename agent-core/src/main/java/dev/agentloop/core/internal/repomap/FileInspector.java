package dev.agentloop.core.internal.repomap;

import dev.agentloop.core.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Classifies one file for the map (source, text, binary, too large, link) and hashes source files the way git does,
 * so a cache entry can be keyed by the same id as the blob in a commit.
 */
final class FileInspector {

    /** How much of a file is searched for a NUL byte to call it binary (git looks at the same amount). */
    static final int BINARY_PROBE_BYTES = 8000;

    private final Path root;
    private final Path realRoot;
    private final long maxFileBytes;
    private final Set<Language> languages;

    /** @param languages the languages the parser reads: their files are sources, other files text */
    FileInspector(Path root, long maxFileBytes, Set<Language> languages) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.maxFileBytes = maxFileBytes;
        this.languages = Set.copyOf(languages);
    }

    /** The entry for a path relative to the root; never throws for a file that vanished or cannot be read. */
    FileEntry inspect(String path) {
        Path file = root.resolve(path);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new FileEntry(path, FileKind.UNREADABLE, 0, "");
        }
        if (attrs.isSymbolicLink()) {
            return new FileEntry(path, insideRoot(file) ? FileKind.LINK : FileKind.LINK_OUTSIDE, attrs.size(), "");
        }
        if (!attrs.isRegularFile()) {
            return new FileEntry(path, FileKind.UNREADABLE, 0, "");
        }
        long size = attrs.size();
        if (size > maxFileBytes) {
            return new FileEntry(path, FileKind.TOO_LARGE, size, "");
        }
        boolean source = SourceLanguages.of(path).filter(languages::contains).isPresent();
        try {
            if (!source) {
                return new FileEntry(path, probeBinary(file) ? FileKind.BINARY : FileKind.TEXT, size, "");
            }
            byte[] content = Files.readAllBytes(file);
            if (content.length > maxFileBytes) {
                return new FileEntry(path, FileKind.TOO_LARGE, content.length, "");
            }
            if (hasNul(content, Math.min(content.length, BINARY_PROBE_BYTES))) {
                return new FileEntry(path, FileKind.BINARY, content.length, "");
            }
            return new FileEntry(path, FileKind.SOURCE, content.length, blobId(content));
        } catch (IOException e) {
            return new FileEntry(path, FileKind.UNREADABLE, size, "");
        }
    }

    private boolean insideRoot(Path link) {
        try {
            return link.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false; // dangling: it leads nowhere inside the root
        }
    }

    private static boolean probeBinary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(BINARY_PROBE_BYTES);
            return hasNul(head, head.length);
        }
    }

    private static boolean hasNul(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Git's blob id of the content: SHA-1 over {@code "blob " + length + "\0"} and the bytes. */
    static String blobId(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
