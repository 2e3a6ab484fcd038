package dev.agentloop.git;

import dev.agentloop.git.internal.FolderWalker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jgit.diff.RawText;

/**
 * Lists the files of a folder (a working copy) the way git sees them, each flagged when a prompt should leave it
 * out: binary, larger than {@link SourceLimits#maxFileBytes()}, or a symbolic link (one pointing out of the folder is
 * never followed). Files a {@code .gitignore} ignores and {@code .git} are not listed.
 */
public final class CopyFiles {

    /** Git's own limit: it looks for a NUL byte in the first 8,000 bytes. */
    private static final int BINARY_PROBE_BYTES = 8000;

    private CopyFiles() {}

    /**
     * {@return the files under {@code root}, sorted by path}
     *
     * @param root a folder
     * @param limits where {@link FileFlag#LARGE} starts
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static List<CopyFile> list(Path root, SourceLimits limits) {
        List<CopyFile> files = new ArrayList<>();
        FolderWalker.walk(root, entry -> {
            switch (entry.kind()) {
                case FILE -> files.add(new CopyFile(entry.path(), entry.bytes(), flags(entry, limits)));
                case SYMLINK ->
                    files.add(new CopyFile(
                            entry.path(),
                            linkLength(entry.file()),
                            EnumSet.of(entry.insideLink() ? FileFlag.SYMLINK : FileFlag.SYMLINK_OUTSIDE)));
                case DIRECTORY -> {}
            }
        });
        files.sort(Comparator.comparing(CopyFile::path));
        return List.copyOf(files);
    }

    private static EnumSet<FileFlag> flags(FolderWalker.Entry entry, SourceLimits limits) {
        EnumSet<FileFlag> flags = EnumSet.noneOf(FileFlag.class);
        if (entry.bytes() > limits.maxFileBytes()) {
            flags.add(FileFlag.LARGE);
        }
        if (isBinary(entry.file())) {
            flags.add(FileFlag.BINARY);
        }
        return flags;
    }

    static boolean isBinary(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(BINARY_PROBE_BYTES);
            return RawText.isBinary(head, head.length, head.length < BINARY_PROBE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long linkLength(Path link) {
        try {
            return Files.readSymbolicLink(link).toString().length();
        } catch (IOException e) {
            return 0;
        }
    }
}
