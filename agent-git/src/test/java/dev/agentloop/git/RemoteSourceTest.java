package dev.agentloop.git;

import static dev.agentloop.git.TestRepos.commit;
import static dev.agentloop.git.TestRepos.git;
import static dev.agentloop.git.TestRepos.head;
import static dev.agentloop.git.TestRepos.read;
import static dev.agentloop.git.TestRepos.repo;
import static dev.agentloop.git.TestRepos.request;
import static dev.agentloop.git.TestRepos.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentloop.core.source.CopyRequest;
import dev.agentloop.core.source.Handoff;
import dev.agentloop.core.source.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteSourceTest {

    @TempDir
    Path tmp;

    Path upstream;
    String url;
    Path cache;
    Path workspace;

    @BeforeEach
    void makeUpstream() {
        Path work = repo(tmp.resolve("work"), Map.of("lib.py", "V = 1\n", "README.md", "# lib\n"));
        upstream = tmp.resolve("upstream.git");
        git(tmp, "clone", "-q", "--bare", work.toString(), upstream.toString());
        url = upstream.toUri().toString();
        cache = tmp.resolve("cache");
        workspace = tmp.resolve("workspace");
    }

    @Test
    void aFileUrlIsClonedAndHandedOffAsABranchInTheCachedClone() {
        String base = git(upstream, "rev-parse", "main").strip();
        Map<String, String> upstreamRefs = Map.of("refs", git(upstream, "for-each-ref"));
        GitSource source = GitSources.ofUrl(url, Optional.empty(), cache, SourceLimits.ofDefaults());

        assertThat(source.kind()).isEqualTo(SourceKind.REMOTE);
        assertThat(source.repository().baseCommit()).isEqualTo(base);
        assertThat(source.repository().name()).isEqualTo("upstream");
        assertThat(source.repository().remote()).isEqualTo(url);
        Path clone = source.branchRepository().orElseThrow();
        assertThat(clone.getParent()).isEqualTo(cache.toAbsolutePath());
        assertThat(clone.getFileName().toString()).startsWith("upstream-").endsWith(".git");

        CopyRequest request = request(workspace);
        Handoff handoff;
        try (GitWorkingCopy copy = source.open(request)) {
            assertThat(read(copy.root(), "lib.py")).isEqualTo("V = 1\n");
            write(copy.root(), "lib.py", "V = 2\n");
            handoff = copy.handOff("Bump V");
        }
        String branch = "agentloop/" + request.shortId();
        assertThat(handoff.branch()).contains(branch);
        assertThat(git(clone, "rev-parse", branch + "^").strip()).isEqualTo(base);
        assertThat(git(clone, "show", branch + ":lib.py")).isEqualTo("V = 2\n");
        // Nothing is pushed.
        assertThat(Map.of("refs", git(upstream, "for-each-ref"))).isEqualTo(upstreamRefs);
    }

    @Test
    void aSecondSourceFetchesNewCommitsAndKeepsEarlierHandOffBranches() {
        GitSource first = GitSources.ofUrl(url, Optional.of("main"), cache, SourceLimits.ofDefaults());
        CopyRequest request = request(workspace);
        try (GitWorkingCopy copy = first.open(request)) {
            write(copy.root(), "lib.py", "V = 2\n");
            copy.handOff("Bump V");
        }
        Path work = tmp.resolve("work");
        String newer = commit(work, Map.of("README.md", "# lib, newer\n"), "newer");
        git(work, "push", "-q", upstream.toString(), "main");

        GitSource second = GitSources.ofUrl(url, Optional.of("main"), cache, SourceLimits.ofDefaults());

        assertThat(second.repository().baseCommit()).isEqualTo(newer).isEqualTo(head(work));
        Path clone = second.branchRepository().orElseThrow();
        assertThat(clone).isEqualTo(first.branchRepository().orElseThrow());
        assertThat(git(clone, "branch", "--list", "agentloop/*").strip()).isEqualTo("agentloop/" + request.shortId());
    }

    @Test
    void aTagOrCommitCanBeTheBase() {
        Path work = tmp.resolve("work");
        String first = head(work);
        git(work, "tag", "v1");
        commit(work, Map.of("lib.py", "V = 3\n"), "third");
        git(work, "push", "-q", "--tags", upstream.toString(), "main");

        assertThat(GitSources.ofUrl(url, Optional.of("v1"), cache, SourceLimits.ofDefaults())
                        .repository()
                        .baseCommit())
                .isEqualTo(first);
        assertThat(GitSources.ofUrl(url, Optional.of(first), cache, SourceLimits.ofDefaults())
                        .repository()
                        .baseCommit())
                .isEqualTo(first);
    }

    @Test
    void rejectsAnUnknownRefOfAUrl() {
        assertThatThrownBy(() -> GitSources.ofUrl(url, Optional.of("nope"), cache, SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Unknown ref 'nope' in " + url);
    }

    @Test
    void aUrlThatCannotBeFetchedIsAClearErrorAndLeavesNoClone() throws Exception {
        String missing = tmp.resolve("missing.git").toUri().toString();
        assertThatThrownBy(() -> GitSources.ofUrl(missing, Optional.empty(), cache, SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("Cannot fetch " + missing + ": ")
                .hasMessageEndingWith("; check the URL and that this machine can reach it.");
        try (var left = Files.list(cache)) {
            assertThat(left).allMatch(p -> p.getFileName().toString().endsWith(".lock"));
        }
    }

    @Test
    void credentialsInAUrlNeverReachMessages() {
        String secretUrl = "http://user:s3cret@127.0.0.1:9/repo.git";
        assertThatThrownBy(() -> GitSources.ofUrl(secretUrl, Optional.empty(), cache, SourceLimits.ofDefaults()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("http://***@127.0.0.1:9/repo.git")
                .hasMessageNotContaining("s3cret");
    }
}
