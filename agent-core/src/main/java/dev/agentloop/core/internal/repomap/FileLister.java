package dev.agentloop.core.internal.repomap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Supplies the files a map covers. The default, {@link #walking()}, walks the folder and skips version-control,
 * dependency, cache and virtual-environment folders; a git-aware supplier (one that honours {@code .gitignore}, e.g.
 * from {@code git ls-files}) plugs in here.
 */
public interface FileLister {

    /**
     * The files under the root, relative to it with {@code /} separators. Symbolic links are listed, not followed.
     *
     * @throws IOException when the root cannot be walked
     */
    List<String> list(Path root) throws IOException;

    /**
     * Whether a path (relative to the root) belongs in the map; asked for the paths {@link RepoMap#update} is given,
     * so an edit in a skipped folder does not add it.
     */
    boolean includes(Path root, String relativePath);

    /** The default lister: see {@link WalkingFileLister}. */
    static FileLister walking() {
        return new WalkingFileLister();
    }
}
