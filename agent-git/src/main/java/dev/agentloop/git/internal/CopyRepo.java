package dev.agentloop.git.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Git commands on a working copy: a worktree (its own {@code .git} file leads git to the user's repository), or a
 * plain folder whose history lives in a private git directory beside it (so the sandbox never sees a {@code .git}).
 */
final class CopyRepo {

    private final Git git;
    private final Path folder;
    private final Optional<Path> privateGitDir;

    private CopyRepo(Git git, Path folder, Optional<Path> privateGitDir) {
        this.git = git;
        this.folder = folder;
        this.privateGitDir = privateGitDir;
    }

    /** A git worktree at {@code folder}. */
    static CopyRepo worktree(Git git, Path folder) {
        return new CopyRepo(git, folder, Optional.empty());
    }

    /** A plain folder tracked by the git directory {@code gitDir} outside it. */
    static CopyRepo withPrivateGitDir(Git git, Path folder, Path gitDir) {
        return new CopyRepo(git, folder, Optional.of(gitDir));
    }

    Path folder() {
        return folder;
    }

    Git.Call call(String... args) {
        List<String> all = new ArrayList<>();
        privateGitDir.ifPresent(dir -> {
            all.add("--git-dir=" + dir);
            all.add("--work-tree=" + folder);
        });
        all.addAll(List.of(args));
        return git.in(folder, all.toArray(String[]::new));
    }
}
