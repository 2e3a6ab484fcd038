package dev.agentloop.server.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.Source;
import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.GitSource;
import dev.agentloop.git.GitSources;
import dev.agentloop.git.SourceKind;
import dev.agentloop.server.internal.json.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoSourcesTest {

    @TempDir
    Path temp;

    Path bare;

    @BeforeEach
    void setUp() throws Exception {
        Path seed = Files.createDirectories(temp.resolve("repos/seed"));
        Files.writeString(seed.resolve("a.py"), "x = 1\n");
        git(seed, "init", "-q", "-b", "main");
        git(seed, "add", "-A");
        git(seed, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-qm", "one");
        bare = temp.resolve("repos/project.git");
        git(temp, "clone", "-q", "--bare", seed.toString(), bare.toString());
    }

    @Test
    void aFileUrlUnderARootIsClonedIntoTheCacheLikeARemote() {
        RepoSources sources = sources(List.of(temp.resolve("repos")));
        String url = "file://" + bare.toAbsolutePath();

        sources.check(url, Optional.of("main"));
        Source source = sources.open(url, Optional.of("main"));

        assertThat(source).isInstanceOfSatisfying(GitSource.class, git -> {
            assertThat(git.kind()).isEqualTo(SourceKind.REMOTE);
            assertThat(git.branchRepository())
                    .hasValueSatisfying(clone -> assertThat(clone).startsWith(temp.resolve("cache")));
        });
    }

    @Test
    void aFileUrlOutsideTheRootsIsRefusedNamingTheRepoField() {
        RepoSources sources = sources(List.of(Path.of("/srv/elsewhere")));
        String url = "file://" + bare.toAbsolutePath();

        assertThatThrownBy(() -> sources.check(url, Optional.empty()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("repo"))
                .hasMessageContaining("outside the folders this server accepts (server.repo-roots)");
        assertThatThrownBy(() -> sources.open(url, Optional.empty()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("server.repo-roots");
    }

    @Test
    void aFileUrlIsRefusedWhenNoRootIsConfigured() {
        assertThatThrownBy(() -> sources(List.of()).check("file:///etc", Optional.empty()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("no server.repo-roots configured");
    }

    private RepoSources sources(List<Path> roots) {
        return new RepoSources(GitSources.ofDefaults(), roots, temp.resolve("cache"));
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }
}
