package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.repo;
import static dev.agentloop.git.TestRepos.request;
import static dev.agentloop.git.TestRepos.worktrees;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted run leaves no stale worktree registered once the next run opens the repository. */
class StaleWorktreeTest {

    @TempDir
    Path tmp;

    Path repo;
    Path workspace;

    @BeforeEach
    void makeRepository() {
        repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        workspace = tmp.resolve("workspace");
    }

    @Test
    void aCopyWhoseFolderIsGoneIsPrunedOnTheNextOpenWhenItsOwnerCannotBeChecked() throws Exception {
        // Made by a run on another host (a container sharing the repository), whose workspace was cleaned since.
        Path elsewhere = tmp.resolve("elsewhere-copy");
        TestRepos.git(
                repo,
                "worktree",
                "add",
                "-q",
                "--detach",
                "--lock",
                "--reason",
                "agentloop pid=1 started=0 host=another-machine boot=x",
                elsewhere.toString());
        Folders.delete(elsewhere);
        assertThat(worktrees(repo)).contains(elsewhere);

        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy next = source.open(request(workspace))) {
            assertThat(worktrees(repo)).containsExactly(repo.toRealPath(), next.root());
        }
    }

    @Test
    void aLiveRunsCopyWithoutItsFolderIsLeftToThatRunWhichRemovesItOnClose() throws Exception {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        GitWorkingCopy live = source.open(request(workspace));
        Folders.delete(live.root());

        try (GitWorkingCopy next = source.open(request(workspace))) {
            assertThat(worktrees(repo)).contains(live.root(), next.root());
        }
        live.close();
        assertThat(worktrees(repo)).containsExactly(repo.toRealPath());
    }

    @Test
    void aWorktreeOfARunKilledWithSigkillIsRemovedOnTheNextOpen() throws Exception {
        Path folder = workspace.resolve("killed-run");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OpenAndWait.class.getName(),
                        repo.toString(),
                        folder.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("OPEN " + folder);
        }
        assertThat(worktrees(repo)).contains(folder);
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(folder.resolve("a.py")).exists();

        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy next = source.open(request(workspace))) {
            assertThat(worktrees(repo)).containsExactly(repo.toRealPath(), next.root());
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    void aCopyInUseByALiveRunAndTheUsersOwnWorktreesAreLeftAlone() throws Exception {
        Path mine = tmp.resolve("my-worktree");
        TestRepos.git(repo, "worktree", "add", "-q", "-b", "feature", mine.toString());
        Path myGone = tmp.resolve("my-gone-worktree");
        TestRepos.git(repo, "worktree", "add", "-q", "--detach", myGone.toString());
        Folders.delete(myGone);
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());

        try (GitWorkingCopy live = source.open(request(workspace));
                GitWorkingCopy second = source.open(request(workspace))) {
            List<Path> listed = worktrees(repo);
            assertThat(listed).contains(mine, myGone, live.root(), second.root());
            assertThat(live.root().resolve("a.py")).exists();
        }
    }
}
