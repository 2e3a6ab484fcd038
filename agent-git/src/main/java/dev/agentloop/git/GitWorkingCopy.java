package dev.agentloop.git;

import dev.agentloop.core.source.WorkingCopy;
import java.nio.file.Path;
import java.util.List;

/**
 * A private copy opened by a {@link GitSource}. Besides the {@link WorkingCopy} contract it tells which files a
 * prompt may show, and which of the project's paths were left out of the copy.
 *
 * <p>The hand-off writes the patch to {@code <parent of root>/<short-id>.patch}, beside the copy, so it survives
 * {@link #close()}.
 */
public interface GitWorkingCopy extends WorkingCopy {

    /**
     * The copy's files as they are now (the run may have added some), sorted by path, each flagged when a prompt
     * should leave it out ({@link CopyFile#promptable()}): binary, over {@link SourceLimits#maxFileBytes()}, or a
     * symbolic link. Ignored files and {@code .git} are not listed.
     *
     * @return the files, sorted by path
     */
    List<CopyFile> files();

    /**
     * The project's paths that are not in the copy: symbolic links pointing out of the project (they are not
     * followed, and not recreated as links to outside). A repository's hand-off keeps them as they were on the
     * branch.
     *
     * @return the omitted paths, relative to the project's root
     */
    List<String> omitted();

    /** {@return where {@link #handOff} writes the patch} */
    Path patchFile();
}
