package dev.agentloop.git.github;

import java.time.Duration;
import java.util.Objects;

/**
 * How an autonomous merge waits for GitHub's checks of the pull request's head commit.
 *
 * @param timeout the longest wait for pending checks; then the pull request is left for a person
 * @param poll time between two looks at the checks
 * @param required true: a commit no check reported on is waited for like a pending one (and left for a person when
 *     none comes); false: it merges on the project's own tests, which the run passed
 */
public record ChecksSettings(Duration timeout, Duration poll, boolean required) {

    /** Default wait for pending checks: 10 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    /** Default time between two looks: 15 seconds. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(15);

    /**
     * Checks the durations.
     *
     * @param timeout the longest wait for pending checks
     * @param poll time between two looks
     * @param required whether a commit needs at least one check
     * @throws IllegalArgumentException when the timeout is negative or the poll interval not positive
     */
    public ChecksSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(poll, "poll");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll must be positive, was " + poll);
        }
    }

    /**
     * Wait up to 10 minutes, looking every 15 seconds; a commit needs at least one check.
     *
     * @return the defaults
     */
    public static ChecksSettings ofDefaults() {
        return new ChecksSettings(DEFAULT_TIMEOUT, DEFAULT_POLL, true);
    }
}
