package dev.agentloop.git;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One file of a working copy, as a prompt builder needs to know it.
 *
 * @param path relative to the copy's root, with {@code /} separators
 * @param bytes its size (a symbolic link's is the length of its target's name)
 * @param flags why it should stay out of prompts; empty for an ordinary text file
 */
public record CopyFile(String path, long bytes, Set<FileFlag> flags) {

    public CopyFile {
        Objects.requireNonNull(path, "path");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** True for an ordinary text file of reasonable size: one a prompt may show. */
    public boolean promptable() {
        return flags.isEmpty();
    }

    public boolean has(FileFlag flag) {
        return flags.contains(flag);
    }
}
