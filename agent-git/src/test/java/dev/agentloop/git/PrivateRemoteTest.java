package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.git;
import static dev.agentloop.git.TestRepos.repo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.SourceException;
import dev.agentloop.git.testing.GitHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private repository over git's HTTP protocol: fetched with the token as credentials, which land nowhere on disk. */
class PrivateRemoteTest {

    private static final String TOKEN = "ghp_privateRemoteToken0123456789abcdefXYZ";
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;

    GitHttpServer server;
    String url;
    Path cache;

    @BeforeEach
    void serveAPrivateRepository() throws Exception {
        Path work = repo(tmp.resolve("work"), Map.of("lib.py", "V = 1\n"));
        Path served = Files.createDirectories(tmp.resolve("served"));
        git(
                tmp,
                "clone",
                "-q",
                "--bare",
                work.toString(),
                served.resolve("lib.git").toString());
        server = new GitHttpServer(served, Optional.of(BASIC));
        url = server.url("lib.git");
        cache = tmp.resolve("cache");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anHttpRemoteIsFetchedWithTheTokenAsItsAuthorizationHeader() throws Exception {
        GitSource source = GitSources.builder()
                .fetchCredentials(HttpCredentials.token(TOKEN))
                .build()
                .remote(url, Optional.empty(), cache);

        assertThat(source.repository().baseCommit())
                .isEqualTo(
                        git(tmp.resolve("served/lib.git"), "rev-parse", "main").strip());
        assertThat(server.authorizations()).isNotEmpty().allMatch(BASIC::equals);
        Path clone = source.branchRepository().orElseThrow();
        assertThat(git(clone, "config", "--get", "remote.origin.url").strip()).isEqualTo(url);
        assertNoSecretUnder(clone);
        assertThat(source.describe()).doesNotContain(TOKEN);
    }

    @Test
    void withoutCredentialsThePrivateRemoteRefusesAndTheMessageSaysSo() {
        GitSources sources = GitSources.builder().build();

        assertThatThrownBy(() -> sources.remote(url, Optional.empty(), cache))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Cannot fetch " + url + ": ")
                .hasMessageEndingWith("; check the URL and that this machine can reach it.");
        assertThat(server.authorizations()).isNotEmpty().allMatch("none"::equals);
    }

    @Test
    void aWrongTokenIsRefusedAndNotShownInTheMessage() {
        String wrong = "ghp_wrongToken0123456789abcdefghijklmnop";
        GitSources sources = GitSources.builder()
                .fetchCredentials(HttpCredentials.token(wrong))
                .build();

        assertThatThrownBy(() -> sources.remote(url, Optional.empty(), cache))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(HttpCredentials.token(wrong).toString()).doesNotContain(wrong);
    }

    /** No file of the clone (its config, refs, logs) holds the token or its header. */
    private static void assertNoSecretUnder(Path clone) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(clone)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        String encoded = BASIC.substring("Basic ".length());
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertThat(text).as(f.toString()).doesNotContain(TOKEN).doesNotContain(encoded);
        }
    }
}
