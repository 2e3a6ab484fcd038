package dev.agentloop.memory;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a database write is retried before it goes to the spool file.
 *
 * @param maxAttempts attempts in total, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
 * @param initialBackoff the wait after the first failed attempt; default 100 ms
 * @param maxBackoff the longest wait between two attempts; default 2 s
 * @param multiplier how much the wait grows after each attempt, at least 1; default 2
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    /** Default of {@link #maxAttempts()}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /**
     * Checks the components.
     *
     * @param maxAttempts attempts in total, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
     * @param initialBackoff the wait after the first failed attempt; default 100 ms
     * @param maxBackoff the longest wait between two attempts; default 2 s
     * @param multiplier how much the wait grows after each attempt, at least 1; default 2
     * @throws IllegalArgumentException when a value is out of range
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException(
                    "backoffs must not be negative, were " + initialBackoff + " and " + maxBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must be >= initialBackoff (" + initialBackoff + ")");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        }
    }

    /**
     * 3 attempts, waiting 100 ms then 200 ms (growing ×2, at most 2 s).
     *
     * @return the default policy
     */
    public static RetryPolicy ofDefaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0);
    }

    /** {@return one attempt, no waiting: a failed write goes to the spool at once} */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
    }

    /**
     * {@return the wait after failed attempt number {@code attempt} (1-based)}
     *
     * @param attempt 1 for the first failed attempt
     */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}
