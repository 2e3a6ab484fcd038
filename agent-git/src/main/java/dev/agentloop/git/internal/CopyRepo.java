package dev.agentloop.git.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Git commands on a working copy, always with an explicit git directory and work tree: the worktree's own directory
 * in the user's repository, or for a plain folder a private git directory beside it (so the sandbox never sees a
 * {@code .git}). Never through the copy's {@code .git} file: the run could have rewritten it to point elsewhere.
 */
final class CopyRepo {

    private final Git git;
    private final Path folder;
    private final Path gitDir;

    /**
     * @param folder the copy
     * @param gitDir a worktree's directory {@code <repository>/.git/worktrees/<name>}, or a folder's private one
     */
    CopyRepo(Git git, Path folder, Path gitDir) {
        this.git = git;
        this.folder = folder;
        this.gitDir = gitDir;
    }

    Path folder() {
        return folder;
    }

    /**
     * A file's text at a commit of the copy (its base), or empty when the commit has no such file or it is binary
     * (a NUL byte, as git tells binary files).
     */
    java.util.Optional<String> textAt(String commit, String path) {
        if (path.isEmpty() || path.startsWith("/")) {
            return java.util.Optional.empty();
        }
        Git.Result result = call("show", commit + ":" + path).tryRun();
        if (!result.ok()) {
            return java.util.Optional.empty();
        }
        for (byte b : result.stdout()) {
            if (b == 0) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(result.stdoutText());
    }

    Git.Call call(String... args) {
        List<String> all = new ArrayList<>(List.of("--git-dir=" + gitDir, "--work-tree=" + folder));
        all.addAll(List.of(args));
        return git.in(folder, all.toArray(String[]::new));
    }
}
