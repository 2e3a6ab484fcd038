package dev.agentloop.git.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchPusherTest {

    @TempDir
    Path temp;

    final GitHubToken token = GitHubToken.fromEnvironment(Map.of("GITHUB_TOKEN", "ghp_secret0123456789"));

    @Test
    void pushesTheLocalBranchUnderTheIssueNameAndNeverOverwrites() throws Exception {
        Path remote = temp.resolve("remote.git");
        git(temp, "init", "-q", "--bare", "-b", "main", remote.toString());
        Path local = Files.createDirectories(temp.resolve("local"));
        git(local, "init", "-q", "-b", "main");
        Files.writeString(local.resolve("a.txt"), "one\n");
        git(local, "add", "-A");
        git(local, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one");
        git(local, "branch", "agentloop/1a2b3c4d");
        String commit = git(local, "rev-parse", "HEAD").strip();

        BranchPusher.ofDefaults().push(local, "agentloop/1a2b3c4d", remote.toString(), "agentloop/issue-7-fix", token);

        assertThat(git(remote, "rev-parse", "refs/heads/agentloop/issue-7-fix").strip())
                .isEqualTo(commit);

        git(local, "checkout", "-q", "--orphan", "diverged");
        Files.writeString(local.resolve("a.txt"), "unrelated\n");
        git(local, "add", "-A");
        git(local, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "unrelated");

        assertThatThrownBy(() -> BranchPusher.ofDefaults()
                        .push(local, "diverged", remote.toString(), "agentloop/issue-7-fix", token))
                .isInstanceOf(GitHubException.class)
                .hasMessageContaining("git push of agentloop/issue-7-fix was refused")
                .hasMessageNotContaining("ghp_secret");
        assertThat(git(remote, "rev-parse", "refs/heads/agentloop/issue-7-fix").strip())
                .isEqualTo(commit);
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
        }
        return out;
    }
}
