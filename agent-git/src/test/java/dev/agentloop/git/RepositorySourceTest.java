package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.commit;
import static dev.agentloop.git.TestRepos.fingerprint;
import static dev.agentloop.git.TestRepos.git;
import static dev.agentloop.git.TestRepos.head;
import static dev.agentloop.git.TestRepos.read;
import static dev.agentloop.git.TestRepos.repo;
import static dev.agentloop.git.TestRepos.request;
import static dev.agentloop.git.TestRepos.worktrees;
import static dev.agentloop.git.TestRepos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositorySourceTest {

    @TempDir
    Path tmp;

    Path repo;
    Path workspace;

    @BeforeEach
    void makeRepository() {
        repo = repo(
                tmp.resolve("proj"),
                Map.of(
                        "src/parser.py", "def parse(s):\n    return s\n",
                        "src/util.py", "X = 1\n",
                        "README.md", "# proj\n",
                        ".gitignore", "*.log\nbuild/\n"));
        workspace = tmp.resolve("workspace");
    }

    @Test
    void handOffMakesABranchWithExactlyOneCommitOnTheBase() throws Exception {
        String base = head(repo);
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        Handoff handoff;
        try (GitWorkingCopy copy = source.open(request)) {
            write(copy.root(), "src/parser.py", "def parse(s):\n    return s.strip()\n");
            write(copy.root(), "src/new_module.py", "Y = 2\n");
            Files.delete(copy.root().resolve("src/util.py"));
            write(copy.root(), "debug.log", "not to be committed\n");
            handoff = copy.handOff("Fix the parser\n\nStrip the input before parsing.");
        }

        String branch = "agentloop/" + request.shortId();
        assertThat(handoff.branch()).contains(branch);
        String tip = git(repo, "rev-parse", "refs/heads/" + branch).strip();
        assertThat(handoff.commit()).isEqualTo(tip);
        assertThat(git(repo, "rev-list", "--count", base + ".." + branch).strip())
                .isEqualTo("1");
        assertThat(git(repo, "rev-parse", branch + "^").strip()).isEqualTo(base);
        assertThat(git(repo, "log", "-1", "--format=%B", branch).strip())
                .isEqualTo("Fix the parser\n\nStrip the input before parsing.");
        assertThat(git(repo, "log", "-1", "--format=%an <%ae>", branch).strip())
                .isEqualTo("agentloop <agentloop@localhost>");
        assertThat(git(repo, "show", branch + ":src/parser.py")).contains("s.strip()");
        assertThat(git(repo, "ls-tree", "-r", "--name-only", branch).lines())
                .containsExactlyInAnyOrder(".gitignore", "README.md", "src/new_module.py", "src/parser.py");
        assertThat(handoff.files()).containsExactly("src/new_module.py", "src/parser.py", "src/util.py");
        assertThat(handoff.diffStat()).contains("3 files changed");

        assertThat(handoff.patchFile()).isEqualTo(workspace.resolve(request.shortId() + ".patch"));
        assertThat(Files.readString(handoff.patchFile())).isEqualTo(handoff.patch());
        assertThat(handoff.patch())
                .contains("diff --git a/src/parser.py b/src/parser.py")
                .contains("--- /dev/null\n+++ b/src/new_module.py")
                .doesNotContain("debug.log");
        // The patch is the branch's change: it applies to the base in a fresh checkout.
        Path check = tmp.resolve("check");
        git(repo, "worktree", "add", "-q", "--detach", check.toString(), base);
        git(check, "apply", "--index", handoff.patchFile().toString());
        assertThat(git(check, "write-tree").strip())
                .isEqualTo(git(repo, "rev-parse", branch + "^{tree}").strip());
    }

    @Test
    void leavesTheUsersWorkingTreeIndexAndHeadByteForByteUnchanged() {
        // A user in the middle of work: a modified file, a staged file, an untracked file, an ignored file.
        write(repo, "src/parser.py", "def parse(s):\n    return s  # wip\n");
        write(repo, "staged.txt", "staged\n");
        git(repo, "add", "staged.txt");
        write(repo, "notes.txt", "untracked\n");
        write(repo, "run.log", "ignored\n");
        Map<String, String> before = fingerprint(repo);
        List<String> refsBefore = git(repo, "for-each-ref", "--format=%(refname) %(objectname)")
                .lines()
                .toList();

        GitSource source = GitSources.of(repo, Optional.of("main"), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        try (GitWorkingCopy copy = source.open(request)) {
            // The copy starts from the commit, not from the user's uncommitted state.
            assertThat(read(copy.root(), "src/parser.py")).doesNotContain("wip");
            assertThat(copy.root().resolve("notes.txt")).doesNotExist();
            write(copy.root(), "src/parser.py", "def parse(s):\n    return s.lower()\n");
            write(copy.root(), "notes.txt", "the copy's own notes\n");
            copy.handOff("Lower-case the input");
        }

        assertThat(fingerprint(repo)).isEqualTo(before);
        assertThat(git(repo, "for-each-ref", "--format=%(refname) %(objectname)")
                        .lines())
                .containsAll(refsBefore)
                .hasSize(refsBefore.size() + 1)
                .anyMatch(line -> line.startsWith("refs/heads/agentloop/" + request.shortId() + " "));
    }

    @Test
    void startsFromTheGivenBaseRef() {
        String first = head(repo);
        git(repo, "tag", "v1");
        commit(repo, Map.of("src/util.py", "X = 2\n"), "second");

        GitSource source = GitSources.of(repo, Optional.of("v1"), SourceLimits.ofDefaults());
        assertThat(source.repository().baseCommit()).isEqualTo(first);
        assertThat(source.repository().baseRef()).isEqualTo("v1");
        CopyRequest request = request(workspace);
        try (GitWorkingCopy copy = source.open(request)) {
            assertThat(read(copy.root(), "src/util.py")).isEqualTo("X = 1\n");
            write(copy.root(), "README.md", "# proj, documented\n");
            Handoff handoff = copy.handOff("Document");
            assertThat(git(repo, "rev-parse", handoff.branch().orElseThrow() + "^")
                            .strip())
                    .isEqualTo(first);
        }
    }

    @Test
    void theBaseContentOfAFileIsItsTextAtTheBaseWhateverTheCopyHoldsNow() throws Exception {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            write(copy.root(), "src/parser.py", "def parse(s):\n    return None\n");
            Files.delete(copy.root().resolve("src/util.py"));
            write(copy.root(), "src/new_module.py", "Y = 2\n");

            assertThat(copy.baseContent("src/parser.py")).contains("def parse(s):\n    return s\n");
            assertThat(copy.baseContent("src/util.py")).contains("X = 1\n");
            assertThat(copy.baseContent("src/new_module.py")).isEmpty();
            assertThat(copy.baseContent("../proj/README.md")).isEmpty();
        }
    }

    @Test
    void closeRemovesTheCopyAndItsRegistrationButKeepsThePatch() {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        GitWorkingCopy copy = source.open(request(workspace));
        assertThat(worktrees(repo)).contains(copy.root());
        write(copy.root(), "README.md", "# changed\n");
        Handoff handoff = copy.handOff("Change the readme");
        copy.close();
        copy.close();

        assertThat(copy.root()).doesNotExist();
        assertThat(worktrees(repo)).containsExactly(repo.toAbsolutePath());
        assertThat(handoff.patchFile()).exists();
    }

    @Test
    void neverOverwritesAnExistingBranch() throws Exception {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        String branch = "agentloop/" + request.shortId();
        git(repo, "branch", branch);
        String existing = git(repo, "rev-parse", branch).strip();

        assertThatThrownBy(() -> source.open(request))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("The branch " + branch + " already exists in " + repo.toRealPath());
        assertThat(request.folder()).doesNotExist();
        assertThat(git(repo, "rev-parse", branch).strip()).isEqualTo(existing);
    }

    @Test
    void aBranchMadeDuringTheRunIsNotOverwrittenByTheHandOff() {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        String branch = "agentloop/" + request.shortId();
        try (GitWorkingCopy copy = source.open(request)) {
            write(copy.root(), "README.md", "# changed\n");
            git(repo, "branch", branch);
            String existing = git(repo, "rev-parse", branch).strip();

            assertThatThrownBy(() -> copy.handOff("Change the readme"))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("The branch " + branch + " already exists")
                    .hasMessageContaining("branch -D " + branch);
            assertThat(git(repo, "rev-parse", branch).strip()).isEqualTo(existing);
            assertThat(copy.patchFile()).doesNotExist();
        }
    }

    @Test
    void aRunThatChangedNothingHandsOffNoBranchAndAnEmptyPatch() {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        try (GitWorkingCopy copy = source.open(request)) {
            write(copy.root(), "ignored.log", "only an ignored file\n");
            Handoff handoff = copy.handOff("Nothing to do");

            assertThat(handoff.branch()).isEmpty();
            assertThat(handoff.files()).isEmpty();
            assertThat(handoff.patch()).isEmpty();
            assertThat(handoff.patchFile()).exists().isEmptyFile();
        }
        assertThat(git(repo, "branch", "--list", "agentloop/*")).isEmpty();
    }

    @Test
    void patchOnlyModeMakesNoBranch() {
        GitSource source =
                GitSources.builder().handoffMode(HandoffMode.PATCH_ONLY).build().local(repo, Optional.empty());
        assertThat(source.branchRepository()).isEmpty();
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            write(copy.root(), "README.md", "# changed\n");
            Handoff handoff = copy.handOff("Change the readme");

            assertThat(handoff.branch()).isEmpty();
            assertThat(handoff.patch()).contains("+# changed");
        }
        assertThat(git(repo, "branch", "--list", "agentloop/*")).isEmpty();
    }

    @Test
    void usesTheRepositorysOwnIdentityWhenItHasOne() {
        git(repo, "config", "user.name", "Repo Owner");
        git(repo, "config", "user.email", "owner@example.org");
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            write(copy.root(), "README.md", "# changed\n");
            Handoff handoff = copy.handOff("Change the readme");
            assertThat(git(repo, "log", "-1", "--format=%an <%ae>", handoff.commit())
                            .strip())
                    .isEqualTo("Repo Owner <owner@example.org>");
        }
    }

    @Test
    void handsOffAtMostOnce() {
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            write(copy.root(), "README.md", "# changed\n");
            copy.handOff("Change the readme");
            assertThatThrownBy(() -> copy.handOff("again"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already handed off");
        }
    }

    @Test
    void linksOutOfTheRepositoryAreNotInTheCopyAndStayOnTheBranch() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(repo.resolve("to-secret"), outside);
        Files.createSymbolicLink(repo.resolve("escape"), Path.of("../secret.txt"));
        Files.createSymbolicLink(repo.resolve("readme-link"), Path.of("README.md"));
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "links");

        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            assertThat(copy.root().resolve("to-secret")).doesNotExist();
            assertThat(Files.isSymbolicLink(copy.root().resolve("escape"))).isFalse();
            assertThat(Files.isSymbolicLink(copy.root().resolve("readme-link"))).isTrue();
            assertThat(copy.omitted()).containsExactlyInAnyOrder("escape", "to-secret");
            assertThat(copy.files())
                    .filteredOn(f -> f.path().equals("readme-link"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.flags()).containsExactly(FileFlag.SYMLINK));

            write(copy.root(), "README.md", "# changed\n");
            Handoff handoff = copy.handOff("Change the readme");

            assertThat(handoff.files()).containsExactly("README.md");
            assertThat(git(repo, "ls-tree", handoff.commit(), "to-secret", "escape"))
                    .contains("120000")
                    .contains("to-secret")
                    .contains("escape");
        }
    }

    @Test
    void flagsBinaryAndLargeFilesButKeepsThemInTheCopy() throws Exception {
        byte[] binary = {'P', 'K', 3, 4, 0, 0, 1, 2};
        Files.write(repo.resolve("data.bin"), binary);
        write(repo, "big.txt", "x".repeat(2048) + "\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "data");

        GitSource source = GitSources.of(repo, Optional.empty(), new SourceLimits(100, 1_000_000, 1024));
        try (GitWorkingCopy copy = source.open(request(workspace))) {
            assertThat(copy.root().resolve("data.bin")).hasBinaryContent(binary);
            assertThat(copy.root().resolve("big.txt")).hasSize(2049);
            Map<String, CopyFile> files = new java.util.HashMap<>();
            copy.files().forEach(f -> files.put(f.path(), f));
            assertThat(files.get("data.bin").flags()).containsExactly(FileFlag.BINARY);
            assertThat(files.get("big.txt").flags()).containsExactly(FileFlag.LARGE);
            assertThat(files.get("src/parser.py").promptable()).isTrue();
            assertThat(files).doesNotContainKey(".git");
        }
    }

    @Test
    void aRunThatRewritesTheCopysGitFileCannotRedirectTheHandOff() throws Exception {
        Path decoy = repo(tmp.resolve("decoy"), Map.of("x", "1\n"));
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        GitWorkingCopy copy = source.open(request);
        write(copy.root(), "README.md", "# changed\n");
        Files.writeString(copy.root().resolve(".git"), "gitdir: " + decoy.resolve(".git") + "\n");

        Handoff handoff = copy.handOff("Change the readme");
        copy.close();

        assertThat(git(repo, "show", handoff.branch().orElseThrow() + ":README.md"))
                .isEqualTo("# changed\n");
        assertThat(git(decoy, "branch", "--list", "agentloop/*")).isEmpty();
        assertThat(copy.root()).doesNotExist();
        assertThat(worktrees(repo)).containsExactly(repo.toRealPath());
    }

    @Test
    void aBareRepositoryIsASourceToo() {
        Path bare = tmp.resolve("bare.git");
        git(tmp, "clone", "-q", "--bare", repo.toString(), bare.toString());
        GitSource source = GitSources.of(bare, Optional.of("main"), SourceLimits.ofDefaults());
        assertThat(source.kind()).isEqualTo(SourceKind.REPOSITORY);
        CopyRequest request = request(workspace);
        try (GitWorkingCopy copy = source.open(request)) {
            write(copy.root(), "README.md", "# changed\n");
            copy.handOff("Change the readme");
        }
        assertThat(git(bare, "rev-list", "--count", "main..agentloop/" + request.shortId())
                        .strip())
                .isEqualTo("1");
    }
}
