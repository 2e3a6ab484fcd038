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

    /**
     * Checks the path is present; the flags are copied.
     *
     * @param path relative to the copy's root, with {@code /} separators
     * @param bytes its size (a symbolic link's is the length of its target's name)
     * @param flags why it should stay out of prompts; empty for an ordinary text file
     */
    public CopyFile {
        Objects.requireNonNull(path, "path");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** {@return true for an ordinary text file of reasonable size: one a prompt may show} */
    public boolean promptable() {
        return flags.isEmpty();
    }

    /**
     * {@return true when the file carries {@code flag}}
     *
     * @param flag the flag
     */
    public boolean has(FileFlag flag) {
        return flags.contains(flag);
    }
}
