package dev.agentloop.core.internal.repomap;

import java.util.Objects;

/**
 * One file of the repository as the map last saw it.
 *
 * @param path relative to the root, with {@code /} separators
 * @param kind what the map does with it
 * @param size its size in bytes (of the link itself for links)
 * @param hash the git blob id (SHA-1 of {@code "blob <size>\0"} and the content) of a {@link FileKind#SOURCE} file;
 *     empty for the other kinds
 */
public record FileEntry(String path, FileKind kind, long size, String hash) {

    public FileEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        hash = hash == null ? "" : hash;
    }
}
