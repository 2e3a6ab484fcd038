package dev.agentloop.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A past failure found by {@link FailureMemory#findSimilar}, with its fix when one is known.
 *
 * @param failure the past failure
 * @param fix the fix that resolved it, when known
 * @param similarity 0..1, higher is closer
 * @param stats how useful its fix has been
 */
public record FailureMatch(FailureRecord failure, Optional<FixRecord> fix, double similarity, FixStats stats) {

    /**
     * Checks the components; a null fix becomes empty, null statistics {@link FixStats#NONE}.
     *
     * @param failure the past failure
     * @param fix the fix that resolved it, when known
     * @param similarity 0..1, higher is closer
     * @param stats how useful its fix has been
     */
    public FailureMatch {
        Objects.requireNonNull(failure, "failure");
        fix = fix == null ? Optional.empty() : fix;
        stats = stats == null ? FixStats.NONE : stats;
    }
}
