package dev.agentloop.git.github;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.HttpException;

/**
 * The GitHub operations the issue flow needs, over {@code org.kohsuke:github-api}: read a repository and an issue,
 * list open issues, assign, comment, open and merge a pull request, read a pull request's head commit and its checks. Rate-limit refusals are retried with backoff and
 * reported; every failure is a {@link GitHubException} whose sentence names the operation, never the token.
 */
public final class GitHubClient {

    /** The public API; an Enterprise server's is {@code https://HOST/api/v3}. */
    public static final String DEFAULT_ENDPOINT = "https://api.github.com";

    private final GitHub github;
    private final RateLimitBackoff backoff;
    private final String endpoint;

    private GitHubClient(GitHub github, RateLimitBackoff backoff, String endpoint) {
        this.github = github;
        this.backoff = backoff;
        this.endpoint = endpoint;
    }

    /**
     * {@return a client for {@code endpoint} with {@code token}}
     *
     * @param endpoint the API's base URL, e.g. {@code https://api.github.com}
     * @param token the token, from the environment
     * @param firstWait the first wait after a rate-limit refusal (it doubles each time, up to a minute)
     * @param maxRetries refusals in a row before a call fails
     * @param report receives one line per rate-limit wait
     */
    public static GitHubClient connect(
            String endpoint, GitHubToken token, Duration firstWait, int maxRetries, Consumer<String> report) {
        Objects.requireNonNull(token, "token");
        RateLimitBackoff backoff = new RateLimitBackoff(firstWait, Duration.ofMinutes(1), maxRetries, report);
        try {
            String api = endpoint.replaceAll("/+$", "");
            GitHub github = new GitHubBuilder()
                    .withEndpoint(api)
                    .withOAuthToken(token.value())
                    .withRateLimitHandler(backoff)
                    .build();
            return new GitHubClient(github, backoff, api);
        } catch (IOException e) {
            throw new GitHubException(
                    GitHubFailure.UNREACHABLE,
                    "Cannot set up the GitHub client for " + endpoint + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * {@return the repository's clone URL and default branch}
     *
     * @param name the repository
     */
    public GitHubRepository repository(RepoName name) {
        GHRepository repo = call("read the repository " + name, () -> github.getRepository(name.toString()));
        return new GitHubRepository(name, repo.getHttpTransportUrl(), repo.getDefaultBranch());
    }

    /**
     * {@return the issue with its labels, assignees and comments}
     *
     * @param ref the issue
     */
    public GitHubIssue issue(IssueRef ref) {
        GHIssue issue = ghIssue(ref);
        return call("read the issue " + ref, () -> toIssue(ref, issue, true));
    }

    /**
     * Open issues (not pull requests) carrying every one of {@code labels}, oldest first, without comments.
     *
     * @param name the repository
     * @param labels label names; empty for every open issue
     * @return the issues, oldest first
     */
    public List<GitHubIssue> openIssues(RepoName name, List<String> labels) {
        return call("list the open issues of " + name, () -> {
            List<GitHubIssue> found = new ArrayList<>();
            var query = github.getRepository(name.toString()).queryIssues().state(GHIssueState.OPEN);
            for (String label : labels) {
                query = query.label(label);
            }
            for (GHIssue issue : query.list()) {
                if (!issue.isPullRequest()) {
                    found.add(toIssue(new IssueRef(name, issue.getNumber()), issue, false));
                }
            }
            found.sort(java.util.Comparator.comparingInt(i -> i.ref().number()));
            return found;
        });
    }

    /** {@return the API endpoint, e.g} {@code https://api.github.com}. */
    public String endpoint() {
        return endpoint;
    }

    /** {@return the login the token belongs to} */
    public String login() {
        return call("read the token's user", () -> github.getMyself().getLogin());
    }

    /**
     * Assigns the issue to {@code login}.
     *
     * @param ref the issue
     * @param login the user's login
     */
    public void assign(IssueRef ref, String login) {
        GHIssue issue = ghIssue(ref);
        call("assign " + ref + " to " + login, () -> {
            GHUser user = github.getUser(login);
            issue.addAssignees(user);
            return null;
        });
    }

    /**
     * Comments on the issue (or pull request); returns the comment's web address.
     *
     * @param ref the issue or pull request
     * @param text the comment, Markdown
     * @return the comment's web address, or empty when GitHub gives none
     */
    public String comment(IssueRef ref, String text) {
        GHIssue issue = ghIssue(ref);
        return call("comment on " + ref, () -> {
            GHIssueComment c = issue.comment(text);
            return c.getHtmlUrl() == null ? "" : c.getHtmlUrl().toString();
        });
    }

    /**
     * Opens a pull request from {@code head} into {@code base}.
     *
     * @param name the repository
     * @param title the title
     * @param head the branch with the change
     * @param base the branch to merge into
     * @param body the description, Markdown
     * @return the pull request's number and web address
     */
    public PullRequest openPullRequest(RepoName name, String title, String head, String base, String body) {
        return call("open a pull request on " + name, () -> {
            GHPullRequest pr = github.getRepository(name.toString()).createPullRequest(title, head, base, body);
            return new PullRequest(pr.getNumber(), pr.getHtmlUrl().toString());
        });
    }

    /**
     * Merges the pull request.
     *
     * @param name the repository
     * @param number the pull request's number
     * @param message the merge commit's message
     */
    public void merge(RepoName name, int number, String message) {
        call("merge pull request #" + number + " of " + name, () -> {
            github.getRepository(name.toString()).getPullRequest(number).merge(message);
            return null;
        });
    }

    /**
     * {@return the commit the pull request's head branch points at}
     *
     * @param name the repository
     * @param number the pull request's number
     */
    public String headSha(RepoName name, int number) {
        return call(
                "read pull request #" + number + " of " + name,
                () -> github.getRepository(name.toString())
                        .getPullRequest(number)
                        .getHead()
                        .getSha());
    }

    /**
     * GitHub's checks of a commit: the latest commit status of each context (what the combined status reports) and
     * every check run. A failure, error, time-out, cancellation or a required action fails; an unfinished one is
     * pending; success, neutral and skipped pass.
     *
     * @param name the repository
     * @param sha the commit
     * @return the checks and their state; {@link CheckState#NONE} when nothing reported on the commit
     */
    public CommitChecks checks(RepoName name, String sha) {
        return call("read the checks of " + sha + " in " + name, () -> {
            GHRepository repo = github.getRepository(name.toString());
            List<String> seen = new ArrayList<>();
            List<String> checks = new ArrayList<>();
            boolean failed = false;
            boolean pending = false;
            // newest first: the first status of a context is its current one
            for (GHCommitStatus status : repo.listCommitStatuses(sha)) {
                String context = status.getContext() == null ? "default" : status.getContext();
                if (seen.contains(context)) {
                    continue;
                }
                seen.add(context);
                GHCommitState state = status.getState();
                checks.add(context + ": " + state.name().toLowerCase(java.util.Locale.ROOT));
                failed |= state == GHCommitState.FAILURE || state == GHCommitState.ERROR;
                pending |= state == GHCommitState.PENDING;
            }
            for (GHCheckRun run : repo.getCheckRuns(sha)) {
                if (run.getStatus() != GHCheckRun.Status.COMPLETED) {
                    pending = true;
                    checks.add(run.getName() + ": " + run.getStatus().name().toLowerCase(java.util.Locale.ROOT));
                    continue;
                }
                GHCheckRun.Conclusion conclusion = run.getConclusion();
                if (conclusion == null) {
                    pending = true; // completed without a conclusion yet: not to be trusted
                    checks.add(run.getName() + ": completed");
                    continue;
                }
                checks.add(run.getName() + ": " + conclusion.name().toLowerCase(java.util.Locale.ROOT));
                failed |= conclusion != GHCheckRun.Conclusion.SUCCESS
                        && conclusion != GHCheckRun.Conclusion.NEUTRAL
                        && conclusion != GHCheckRun.Conclusion.SKIPPED;
            }
            CheckState state = failed
                    ? CheckState.FAILED
                    : pending ? CheckState.PENDING : checks.isEmpty() ? CheckState.NONE : CheckState.PASSED;
            return new CommitChecks(sha, state, checks);
        });
    }

    private GHIssue ghIssue(IssueRef ref) {
        return call(
                "read the issue " + ref,
                () -> github.getRepository(ref.repo().toString()).getIssue(ref.number()));
    }

    private static GitHubIssue toIssue(IssueRef ref, GHIssue issue, boolean withComments) throws IOException {
        List<String> labels = new ArrayList<>();
        for (GHLabel l : issue.getLabels()) {
            labels.add(l.getName());
        }
        List<String> assignees = new ArrayList<>();
        for (GHUser u : issue.getAssignees()) {
            assignees.add(u.getLogin());
        }
        List<String> comments = new ArrayList<>();
        if (withComments) {
            for (GHIssueComment c : issue.getComments()) {
                String who = c.getUser() == null ? "someone" : c.getUser().getLogin();
                comments.add(who + ": " + (c.getBody() == null ? "" : c.getBody()));
            }
        }
        return new GitHubIssue(
                ref,
                issue.getTitle(),
                issue.getBody(),
                labels,
                assignees,
                comments,
                issue.getHtmlUrl() == null ? "" : issue.getHtmlUrl().toString());
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private <T> T call(String what, Call<T> call) {
        try {
            T value = call.run();
            backoff.succeeded();
            return value;
        } catch (IOException e) {
            if (backoff.failedOnRateLimit()) {
                throw new GitHubException(
                        GitHubFailure.RATE_LIMITED,
                        "Cannot " + what + ": GitHub kept refusing it for its rate limit (HTTP 403);"
                                + " wait for the limit to reset and retry.",
                        e);
            }
            throw translate(what, e);
        }
    }

    private GitHubException translate(String what, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.http.HttpConnectTimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new GitHubException(
                        GitHubFailure.UNREACHABLE,
                        "Cannot " + what + ": GitHub's API at " + endpoint + " cannot be reached (" + firstLine(t)
                                + "); check github.api-url and the network.",
                        e);
            }
        }
        if (e instanceof GHFileNotFoundException) {
            return new GitHubException(
                    GitHubFailure.NOT_FOUND,
                    "Cannot " + what + ": GitHub answered 404 (no such repository or issue, or the"
                            + " token may not see it).",
                    e);
        }
        if (e instanceof HttpException http && http.getResponseCode() > 0) {
            return new GitHubException(
                    http.getResponseCode() == 401 ? GitHubFailure.UNAUTHORIZED : GitHubFailure.REFUSED,
                    "Cannot " + what + ": GitHub answered " + http.getResponseCode()
                            + (http.getResponseCode() == 401
                                    ? " (the token is not valid)."
                                    : " (" + firstLine(e) + ")."),
                    e);
        }
        return new GitHubException(GitHubFailure.REFUSED, "Cannot " + what + ": " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
