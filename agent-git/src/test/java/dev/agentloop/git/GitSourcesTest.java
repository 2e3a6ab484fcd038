package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.git;
import static dev.agentloop.git.TestRepos.repo;
import static dev.agentloop.git.TestRepos.request;
import static dev.agentloop.git.TestRepos.worktrees;
import static dev.agentloop.git.TestRepos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: each refused with one clear sentence, before anything of the user's is changed. */
class GitSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void rejectsAFolderThatDoesNotExist() {
        Path missing = tmp.resolve("nowhere");
        assertThatThrownBy(() -> GitSources.of(missing, Optional.empty(), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessage(missing + " does not exist; give an existing folder or git repository.");
    }

    @Test
    void rejectsAFileThatIsNotAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        assertThatThrownBy(() -> GitSources.of(file, Optional.empty(), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessage(file + " is not a folder; give the project's folder or git repository.");
    }

    @Test
    void rejectsABaseRefOnAPlainFolder() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plain"));
        write(folder, "a.py", "A = 1\n");
        assertThatThrownBy(() -> GitSources.of(folder, Optional.of("main"), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("A base ref ('main') needs a git repository")
                .hasMessageContaining(folder + " is a plain folder");
    }

    @Test
    void rejectsAnUnknownRef() {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        assertThatThrownBy(() -> GitSources.of(repo, Optional.of("no-such-branch"), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Unknown ref 'no-such-branch' in ")
                .hasMessageContaining("no branch, tag or commit of that name");
    }

    @Test
    void rejectsAnOptionLookingRef() {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        assertThatThrownBy(() -> GitSources.of(repo, Optional.of("--all"), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessage("'--all' is not a ref; give a branch, tag or commit as the base ref.");
    }

    @Test
    void rejectsARepositoryWithoutCommits() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        git(empty, "init", "-q");
        assertThatThrownBy(() -> GitSources.of(empty, Optional.empty(), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("has no commit yet");
    }

    @Test
    void rejectsASubfolderOfARepositoryNamingItsTop() throws Exception {
        Path repo = repo(tmp.resolve("proj"), Map.of("src/a.py", "A = 1\n"));
        assertThatThrownBy(() -> GitSources.of(repo.resolve("src"), Optional.empty(), SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("is inside the git repository " + repo.toRealPath())
                .hasMessageContaining("give " + repo.toRealPath());
    }

    @Test
    void refusesARepositoryOverTheFileLimitBeforeCopying() {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "1", "b.py", "2", "c.py", "3", "d.py", "4"));
        Map<String, String> before = TestRepos.fingerprint(repo);
        GitSource source =
                GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults().withMaxFiles(3));
        CopyRequest request = request(tmp.resolve("ws"));

        assertThatThrownBy(() -> source.open(request))
                .isInstanceOf(SourceException.class)
                .hasMessage("proj has 4 files at HEAD, over the limit of 3; raise the file limit or work on a smaller "
                        + "repository.");
        assertThat(request.folder()).doesNotExist();
        assertThat(worktrees(repo)).hasSize(1);
        assertThat(TestRepos.fingerprint(repo)).isEqualTo(before);
    }

    @Test
    void refusesARepositoryOverTheSizeLimitBeforeCopying() {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.txt", "x".repeat(3000)));
        GitSource source =
                GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults().withMaxBytes(2000));
        CopyRequest request = request(tmp.resolve("ws"));

        assertThatThrownBy(() -> source.open(request))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("over the limit of 0.0 MiB")
                .hasMessageContaining("raise the size limit");
        assertThat(request.folder()).doesNotExist();
        assertThat(worktrees(repo)).hasSize(1);
    }

    @Test
    void refusesAFolderOverTheFileLimitBeforeCopying() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plain"));
        for (int i = 0; i < 5; i++) {
            write(folder, "f" + i + ".py", "X = " + i + "\n");
        }
        GitSource source = GitSources.of(
                folder, Optional.empty(), SourceLimits.ofDefaults().withMaxFiles(4));
        CopyRequest request = request(tmp.resolve("ws"));

        assertThatThrownBy(() -> source.open(request))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("has more than 4 files (not counting ignored ones), over the limit");
        assertThat(request.folder()).doesNotExist();
    }

    @Test
    void ignoredFilesDoNotCountTowardsAFoldersLimit() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plain"));
        write(folder, ".gitignore", "node_modules/\n");
        write(folder, "index.js", "1\n");
        for (int i = 0; i < 10; i++) {
            write(folder, "node_modules/m" + i + ".js", "x\n");
        }
        GitSource source = GitSources.of(
                folder, Optional.empty(), SourceLimits.ofDefaults().withMaxFiles(2));
        try (GitWorkingCopy copy = source.open(request(tmp.resolve("ws")))) {
            assertThat(copy.files()).extracting(CopyFile::path).containsExactly(".gitignore", "index.js");
        }
    }

    @Test
    void refusesACopyFolderThatAlreadyExists() throws Exception {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(tmp.resolve("ws"));
        Files.createDirectories(request.folder());
        Files.writeString(request.folder().resolve("keep.txt"), "someone's file\n");

        assertThatThrownBy(() -> source.open(request))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining(request.folder() + " already exists");
        assertThat(request.folder().resolve("keep.txt")).hasContent("someone's file");
    }

    @Test
    void refusesACopyInsideTheProjectItself() throws Exception {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        Map<String, String> before = TestRepos.fingerprint(repo);
        GitSource source = GitSources.of(repo, Optional.empty(), SourceLimits.ofDefaults());
        CopyRequest request = request(repo.resolve("workspace"));

        assertThatThrownBy(() -> source.open(request))
                .isInstanceOf(SourceException.class)
                .hasMessage("The working copy " + request.folder() + " would be inside the project " + repo.toRealPath()
                        + "; use a workspace folder outside it.");
        assertThat(TestRepos.fingerprint(repo)).isEqualTo(before);

        Path folder = Files.createDirectory(tmp.resolve("plain"));
        GitSource plain = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        assertThatThrownBy(() -> plain.open(request(folder.resolve("ws"))))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("would be inside the project");
        assertThat(folder.resolve("ws")).doesNotExist();
    }

    @Test
    void saysSoWhenGitIsMissing() throws Exception {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        GitSources sources =
                GitSources.builder().git(tmp.resolve("no-git-here").toString()).build();
        assertThatThrownBy(() -> sources.local(repo, Optional.empty()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("Cannot run git ('" + tmp.resolve("no-git-here") + "')")
                .hasMessageContaining("not installed or not on the PATH");
    }

    @Test
    void rejectsBadLimitsNamingThem() {
        assertThatThrownBy(() -> new SourceLimits(0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFiles must be positive, was 0");
        assertThatThrownBy(() -> SourceLimits.ofDefaults().withMaxBytes(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBytes must be positive, was -5");
    }

    @Test
    void describesEachKindOfSource() throws Exception {
        Path repo = repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n"));
        GitSource repository = GitSources.of(repo, Optional.of("main"), SourceLimits.ofDefaults());
        assertThat(repository.kind()).isEqualTo(SourceKind.REPOSITORY);
        assertThat(repository.describe()).startsWith("git repository " + repo.toRealPath() + " at main (");
        assertThat(repository.branchRepository()).contains(repo.toRealPath());
        assertThat(repository.repository().isGit()).isTrue();

        Path folder = Files.createDirectory(tmp.resolve("plain"));
        GitSource plain = GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults());
        assertThat(plain.kind()).isEqualTo(SourceKind.FOLDER);
        assertThat(plain.describe()).isEqualTo("folder " + folder.toRealPath());
        assertThat(plain.repository().isGit()).isFalse();
        assertThat(plain.branchRepository()).isEmpty();
    }
}
