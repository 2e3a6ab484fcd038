package dev.agentloop.git.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Waits for GitHub's checks of a pull request's head commit to finish, at most a timeout, looking every poll
 * interval: the answer is the first state that is not pending, or pending when the timeout passed first. With {@code
 * requireChecks}, a commit no check reported on is waited for like a pending one (its CI may not have started); without,
 * it is answered at once.
 */
public final class ChecksWait {

    /** Sleeps between two looks; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Sleeps.
         *
         * @param duration how long
         * @throws InterruptedException when interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    private final GitHubClient github;
    private final Duration timeout;
    private final Duration poll;
    private final boolean requireChecks;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param github reads the pull request's head and its checks
     * @param timeout the longest wait for a pending check
     * @param poll time between two looks
     * @param requireChecks a commit without any check counts as pending (true) or is answered at once (false)
     * @param clock measures the wait
     * @param sleeper sleeps between two looks
     */
    public ChecksWait(
            GitHubClient github, Duration timeout, Duration poll, boolean requireChecks, Clock clock, Sleeper sleeper) {
        this.github = Objects.requireNonNull(github, "github");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.requireChecks = requireChecks;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Waits for the checks of the pull request's head commit.
     *
     * @param repo the repository
     * @param pullRequest the pull request's number
     * @return the checks as last seen: passed, failed, none (only without {@code requireChecks}), or pending when the
     *     timeout passed (or the thread was interrupted, whose flag is kept) while they were
     * @throws GitHubException when GitHub cannot be asked
     */
    public CommitChecks await(RepoName repo, int pullRequest) {
        String sha = github.headSha(repo, pullRequest);
        Instant deadline = clock.instant().plus(timeout);
        // bounded by the looks the timeout allows as well as by the clock: a clock that stands still ends it too
        long looksLeft = timeout.toNanos() / poll.toNanos();
        while (true) {
            CommitChecks checks = github.checks(repo, sha);
            boolean waiting =
                    checks.state() == CheckState.PENDING || (requireChecks && checks.state() == CheckState.NONE);
            if (!waiting || looksLeft-- <= 0 || !clock.instant().isBefore(deadline)) {
                return checks;
            }
            try {
                sleeper.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return checks;
            }
        }
    }
}
