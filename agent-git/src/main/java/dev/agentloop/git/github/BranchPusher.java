package dev.agentloop.git.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pushes a branch of a local repository (the cached clone a run handed its branch to) to the remote under another
 * name, with {@code git push}. For an {@code https} remote the token goes to git as an authorization header through
 * the environment ({@code GIT_CONFIG_*}), never on the command line, in a URL or in a message. An existing remote
 * branch is not overwritten (no force).
 */
public final class BranchPusher {

    private static final long TIMEOUT_SECONDS = 300;

    // what git says when it never reached the remote (as opposed to the remote refusing the push)
    private static final java.util.regex.Pattern UNREACHABLE = java.util.regex.Pattern.compile(
            "Could not resolve host|Connection refused|Failed to connect|Connection timed out|does not appear to be a"
                    + " git repository|Could not read from remote");

    private final String git;

    /** @param git the git command */
    public BranchPusher(String git) {
        this.git = git;
    }

    /**
     * With {@code git} from the PATH.
     *
     * @return the pusher
     */
    public static BranchPusher ofDefaults() {
        return new BranchPusher("git");
    }

    /**
     * Pushes {@code localBranch} of {@code repository} to {@code remoteUrl} as {@code remoteBranch}.
     *
     * @param repository the local repository holding the branch
     * @param localBranch the branch to push
     * @param remoteUrl the remote's HTTPS URL, without credentials
     * @param remoteBranch the branch's name on the remote
     * @param token handed to git in its environment (an HTTP header for https remotes), never on the command line
     * @throws GitHubException when git refuses (the remote branch exists and differs, no access, ...)
     */
    public void push(Path repository, String localBranch, String remoteUrl, String remoteBranch, GitHubToken token) {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        git,
                        "-C",
                        repository.toString(),
                        "push",
                        "--porcelain",
                        remoteUrl,
                        "refs/heads/" + localBranch + ":refs/heads/" + remoteBranch))
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GIT_TERMINAL_PROMPT", "0");
        if (remoteUrl.startsWith("https://") || remoteUrl.startsWith("http://")) {
            String basic = Base64.getEncoder()
                    .encodeToString(("x-access-token:" + token.value()).getBytes(StandardCharsets.UTF_8));
            env.put("GIT_CONFIG_COUNT", "1");
            env.put("GIT_CONFIG_KEY_0", "http.extraHeader");
            env.put("GIT_CONFIG_VALUE_0", "Authorization: Basic " + basic);
        }
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GitHubException(
                        GitHubFailure.UNREACHABLE,
                        "git push of " + remoteBranch + " did not finish in " + TIMEOUT_SECONDS
                                + " s; check the network and retry.");
            }
            if (p.exitValue() != 0) {
                String last = out.strip()
                        .replace(token.value(), "***")
                        .lines()
                        .reduce((a, b) -> b)
                        .orElse("");
                if (UNREACHABLE.matcher(out).find()) {
                    throw new GitHubException(
                            GitHubFailure.UNREACHABLE,
                            "git push of " + remoteBranch + " could not reach the remote: " + last
                                    + " (check the network and the repository's address).");
                }
                throw new GitHubException(
                        GitHubFailure.REFUSED,
                        "git push of " + remoteBranch + " was refused: " + last
                                + " (delete or rename the remote branch if it exists).");
            }
        } catch (IOException e) {
            throw new GitHubException(
                    GitHubFailure.UNREACHABLE, "Cannot run git to push " + remoteBranch + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(GitHubFailure.REFUSED, "The push of " + remoteBranch + " was interrupted.", e);
        }
    }
}
