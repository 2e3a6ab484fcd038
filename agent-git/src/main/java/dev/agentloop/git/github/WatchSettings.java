package dev.agentloop.git.github;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@code agent watch} looks for and how often.
 *
 * @param repository the repository watched
 * @param labels an issue must carry every one of these (default {@code bot-approved})
 * @param ignoreLabels an issue carrying any of these is left alone (default {@code wontfix})
 * @param maxConcurrent runs at once, 1..16 (default 2)
 * @param interval time between two looks (default 60 s, at least 1 s)
 */
public record WatchSettings(
        RepoName repository, List<String> labels, List<String> ignoreLabels, int maxConcurrent, Duration interval) {

    /** The most runs at once. */
    public static final int MAX_CONCURRENT = 16;

    /**
     * Copies the lists.
     *
     * @param repository the repository watched
     * @param labels an issue must carry every one of these (default {@code bot-approved})
     * @param ignoreLabels an issue carrying any of these is left alone (default {@code wontfix})
     * @param maxConcurrent runs at once, 1..16 (default 2)
     * @param interval time between two looks (default 60 s, at least 1 s)
     * @throws IllegalArgumentException when the concurrency or the interval is out of range
     */
    public WatchSettings {
        Objects.requireNonNull(repository, "repository");
        labels = List.copyOf(labels);
        ignoreLabels = List.copyOf(ignoreLabels);
        if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT) {
            throw new IllegalArgumentException(
                    "maxConcurrent must be in 1.." + MAX_CONCURRENT + ", was " + maxConcurrent);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1s, was " + interval);
        }
    }
}
