package dev.agentloop.memory;

import dev.agentloop.core.spi.FailureMatch;
import java.util.Objects;

/**
 * A past failure in the memory's ranking for a query, with what {@code findSimilar} makes of it.
 *
 * @param match the failure, its fix and similarity
 * @param score its ranking score in units of a first rank: reciprocal ranks in the vector and full-text lists, the
 *     bonuses for a matching fixed line and for the consensus of near fixes, less the diversity penalty (see {@link
 *     RetrievalSettings}); about 1 for a failure that only the vector search puts first, above 3 when every signal
 *     agrees
 * @param shown whether {@code findSimilar} hands it out: its score and every better match's reach {@link
 *     RetrievalSettings#minScore()}, and its similarity the query's minimum
 */
public record RankedMatch(FailureMatch match, double score, boolean shown) {

    /**
     * Checks the match is present.
     *
     * @param match the failure, its fix and similarity
     * @param score its ranking score in units of a first rank: reciprocal ranks in the vector and full-text lists, the
     *     bonuses for a matching fixed line and for the consensus of near fixes, less the diversity penalty (see {@link
     *     RetrievalSettings}); about 1 for a failure that only the vector search puts first, above 3 when every signal
     *     agrees
     * @param shown whether {@code findSimilar} hands it out: its score and every better match's reach {@link
     *     RetrievalSettings#minScore()}, and its similarity the query's minimum
     */
    public RankedMatch {
        Objects.requireNonNull(match, "match");
    }
}
