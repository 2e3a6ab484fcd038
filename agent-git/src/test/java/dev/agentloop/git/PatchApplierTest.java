package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.fingerprint;
import static dev.agentloop.git.TestRepos.git;
import static dev.agentloop.git.TestRepos.read;
import static dev.agentloop.git.TestRepos.repo;
import static dev.agentloop.git.TestRepos.request;
import static dev.agentloop.git.TestRepos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchApplierTest {

    @TempDir
    Path tmp;

    private final PatchApplier applier = PatchApplier.ofDefaults();

    private Handoff runOn(GitSource source, Map<String, String> edits, String... deletions) throws Exception {
        try (GitWorkingCopy copy = source.open(request(tmp.resolve("workspace")))) {
            write(copy.root(), edits);
            for (String path : deletions) {
                Files.delete(copy.root().resolve(path));
            }
            return copy.handOff("Edit");
        }
    }

    private Path repository() {
        return repo(tmp.resolve("proj"), Map.of("a.py", "A = 1\n", "b.py", "B = 1\n", "c.py", "C = 1\n"));
    }

    private static GitSource patchOnly(Path dir) {
        return GitSources.builder().handoffMode(HandoffMode.PATCH_ONLY).build().local(dir, Optional.empty());
    }

    @Test
    void appliesToACleanRepositorysWorkingTreeOnly() throws Exception {
        Path repo = repository();
        Handoff handoff = runOn(patchOnly(repo), Map.of("a.py", "A = 2\n", "new.py", "N = 1\n"), "c.py");
        String index = TestRepos.sha(Files.readAllBytes(repo.resolve(".git/index")));
        String head = git(repo, "rev-parse", "HEAD");

        assertThat(applier.apply(handoff, repo)).containsExactly("a.py", "c.py", "new.py");

        assertThat(read(repo, "a.py")).isEqualTo("A = 2\n");
        assertThat(read(repo, "new.py")).isEqualTo("N = 1\n");
        assertThat(repo.resolve("c.py")).doesNotExist();
        assertThat(TestRepos.sha(Files.readAllBytes(repo.resolve(".git/index"))))
                .isEqualTo(index);
        assertThat(git(repo, "rev-parse", "HEAD")).isEqualTo(head);
    }

    @Test
    void changesOfTheUserInFilesThePatchDoesNotTouchAreNoObstacle() throws Exception {
        Path repo = repository();
        Handoff handoff = runOn(patchOnly(repo), Map.of("a.py", "A = 2\n"));
        write(repo, "b.py", "B = 'mine'\n");

        applier.apply(handoff, repo);

        assertThat(read(repo, "a.py")).isEqualTo("A = 2\n");
        assertThat(read(repo, "b.py")).isEqualTo("B = 'mine'\n");
    }

    @Test
    void refusesWhenATouchedFileIsModifiedStagedOrInTheWayAndChangesNothing() throws Exception {
        Path repo = repository();
        Handoff handoff = runOn(
                patchOnly(repo), Map.of("a.py", "A = 2\n", "b.py", "B = 2\n", "new.py", "N = 1\n", "d.py", "D\n"));
        write(repo, "a.py", "A = 'mine'\n");
        write(repo, "b.py", "B = 'staged'\n");
        git(repo, "add", "b.py");
        write(repo, "new.py", "mine too\n");
        Map<String, String> before = fingerprint(repo);

        assertThatThrownBy(() -> applier.apply(handoff, repo))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Not applying the patch: files it touches have changes of yours in ")
                .hasMessageContaining("a.py (modified)")
                .hasMessageContaining("b.py (staged)")
                .hasMessageContaining("new.py (untracked)")
                .hasMessageNotContaining("d.py")
                .hasMessageEndingWith("; commit or stash them first, or use the branch instead.");
        assertThat(fingerprint(repo)).isEqualTo(before);
    }

    @Test
    void refusesWhenTheRepositoryMovedOnUnderThePatch() throws Exception {
        Path repo = repository();
        Handoff handoff = runOn(patchOnly(repo), Map.of("a.py", "A = 2\n"));
        TestRepos.commit(repo, Map.of("a.py", "A = 'committed meanwhile'\n"), "meanwhile");

        assertThatThrownBy(() -> applier.apply(handoff, repo))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("does not apply to " + repo.toRealPath());
        assertThat(read(repo, "a.py")).isEqualTo("A = 'committed meanwhile'\n");
    }

    @Test
    void appliesToAnUnchangedPlainFolder() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plain"));
        write(folder, Map.of("a.py", "A = 1\n", "b.py", "B = 1\n"));
        Files.write(folder.resolve("img.bin"), new byte[] {0, 1, 2, 3});
        Handoff handoff = runOn(
                GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults()),
                Map.of("a.py", "A = 2\n", "new/x.py", "X = 1\n"),
                "b.py");

        assertThat(applier.apply(handoff, folder)).containsExactly("a.py", "b.py", "new/x.py");

        assertThat(read(folder, "a.py")).isEqualTo("A = 2\n");
        assertThat(read(folder, "new/x.py")).isEqualTo("X = 1\n");
        assertThat(folder.resolve("b.py")).doesNotExist();
        assertThat(folder.resolve("img.bin")).hasBinaryContent(new byte[] {0, 1, 2, 3});
    }

    @Test
    void refusesOnAFolderWhoseTouchedFilesChangedSinceTheCopy() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plain"));
        write(folder, Map.of("a.py", "A = 1\n", "b.py", "B = 1\n", "c.py", "C = 1\n"));
        Handoff handoff = runOn(
                GitSources.of(folder, Optional.empty(), SourceLimits.ofDefaults()),
                Map.of("a.py", "A = 2\n", "b.py", "B = 2\n", "new.py", "N\n"));
        write(folder, "a.py", "A = 'changed by the user, same length?'\n");
        write(folder, "new.py", "the user made it too\n");
        write(folder, "c.py", "C = 'untouched by the patch'\n");
        Map<String, String> before = fingerprint(folder);

        assertThatThrownBy(() -> applier.apply(handoff, folder))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("since the copy was made: a.py (modified), new.py (exists, the patch creates it)")
                .hasMessageNotContaining("b.py")
                .hasMessageNotContaining("c.py");
        assertThat(fingerprint(folder)).isEqualTo(before);
    }

    @Test
    void anEmptyPatchAppliesNothing() throws Exception {
        Path repo = repository();
        Handoff handoff = runOn(patchOnly(repo), Map.of());
        Map<String, String> before = fingerprint(repo);

        assertThat(applier.apply(handoff, repo)).isEmpty();
        assertThat(fingerprint(repo)).isEqualTo(before);
    }

    @Test
    void aMissingPatchFileIsAClearError() throws Exception {
        Path repo = repository();
        Handoff handoff = runOn(patchOnly(repo), Map.of("a.py", "A = 2\n"));
        Files.delete(handoff.patchFile());

        assertThatThrownBy(() -> applier.apply(handoff, repo))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Cannot read the patch " + handoff.patchFile());
    }
}
