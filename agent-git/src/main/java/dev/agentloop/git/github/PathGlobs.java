package dev.agentloop.git.github;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** Path globs as in config: {@code **}{@code /x} also matches {@code x} at the top of the repository. */
final class PathGlobs {

    private PathGlobs() {}

    static boolean matches(List<String> globs, String path) {
        Path p = Path.of(path);
        for (String glob : globs) {
            if (matcher(glob).matches(p)
                    || (glob.startsWith("**/") && matcher(glob.substring(3)).matches(p))) {
                return true;
            }
        }
        return false;
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
