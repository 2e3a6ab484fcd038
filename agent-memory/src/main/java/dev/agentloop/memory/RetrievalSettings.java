package dev.agentloop.memory;

import java.util.Objects;

/**
 * How {@code findSimilar} ranks past failures. Candidates come from the vector index, the full-text index (when
 * {@code hybrid}) and past fixes whose removed lines look like lines of the probe's code (when {@code
 * fixLineMatching}). They are fused by reciprocal rank ({@code 1/(rrfK + rank)} per list), plus a bonus for a
 * matching fixed line, plus a consensus bonus for a fix of the kind most of the best candidates' fixes share; the
 * list is then diversified so that the same kind of fix does not fill it. Bonuses and penalties are in units of a
 * first rank, {@code 1/(rrfK + 1)}. Among candidates within {@code nearEqual} of each other, verified and useful
 * fixes come first. A failure of the query's preferred repository, then one in the probe's language, gets a bonus: a
 * preference that every candidate meets (or none does) ranks nothing and is left out.
 *
 * @param embeddedText which text of a failure is embedded; default {@link EmbeddedText#SIGNATURE}
 * @param hybrid also rank by PostgreSQL full-text search over the error text; default true
 * @param fixLineMatching boost past failures whose fix changed a line shaped like one in the probe's code; default
 *     true
 * @param candidates candidates taken from each index, 10..1000; default {@value #DEFAULT_CANDIDATES}
 * @param rrfK the reciprocal-rank constant, at least 1; default {@value #DEFAULT_RRF_K}
 * @param fixLineWeight the bonus for a matching fixed line, at least 0; default {@value #DEFAULT_FIX_LINE_WEIGHT}
 * @param consensusWeight the bonus for the share of votes of a candidate's fix kind among the best
 *     {@value #CONSENSUS_DEPTH}, at least 0; default {@value #DEFAULT_CONSENSUS_WEIGHT}
 * @param diversityPenalty subtracted once per better-ranked result with the same kind of fix, at least 0; default
 *     {@value #DEFAULT_DIVERSITY_PENALTY}
 * @param nearEqual scores within this fraction of the best score count as equal for the verified/useful
 *     tie-break, 0..0.5; default {@value #DEFAULT_NEAR_EQUAL}
 * @param sameRepositoryWeight the bonus for a failure of the query's preferred repository, at least 0; default
 *     {@value #DEFAULT_SAME_REPOSITORY_WEIGHT}
 * @param sameLanguageWeight the bonus for a failure in the probe's language, at least 0; default
 *     {@value #DEFAULT_SAME_LANGUAGE_WEIGHT}
 * @param minScore the least score, in units of a first rank, of a match {@code findSimilar} hands out: the list
 *     stops at the first match below it, so that the memory says nothing rather than something probably wrong; 0
 *     shows every match; default {@value #DEFAULT_MIN_SCORE} (shown precision of 82% at 56% coverage on both halves
 *     of failbench, see docs/benchmarks.md)
 * @param minPatternSimilarity the least cosine similarity of a success pattern {@code findPatterns} hands out, 0..1;
 *     default {@value #DEFAULT_MIN_PATTERN_SIMILARITY}, calibrated for all-MiniLM-L6-v2 (another model spreads its
 *     similarities differently and needs its own)
 */
public record RetrievalSettings(
        EmbeddedText embeddedText,
        boolean hybrid,
        boolean fixLineMatching,
        int candidates,
        int rrfK,
        double fixLineWeight,
        double consensusWeight,
        double diversityPenalty,
        double nearEqual,
        double sameRepositoryWeight,
        double sameLanguageWeight,
        double minScore,
        double minPatternSimilarity) {

    /** Default of {@link #candidates()}. */
    public static final int DEFAULT_CANDIDATES = 100;
    /** Default of {@link #rrfK()}. */
    public static final int DEFAULT_RRF_K = 60;
    /** Default of {@link #fixLineWeight()}. */
    public static final double DEFAULT_FIX_LINE_WEIGHT = 1.0;
    /** Default of {@link #consensusWeight()}. */
    public static final double DEFAULT_CONSENSUS_WEIGHT = 0.5;
    /** Default of {@link #diversityPenalty()}. */
    public static final double DEFAULT_DIVERSITY_PENALTY = 0.5;
    /** Default of {@link #nearEqual()}. */
    public static final double DEFAULT_NEAR_EQUAL = 0.002;
    /** Default of {@link #sameRepositoryWeight()}. */
    public static final double DEFAULT_SAME_REPOSITORY_WEIGHT = 0.25;
    /** Default of {@link #sameLanguageWeight()}. */
    public static final double DEFAULT_SAME_LANGUAGE_WEIGHT = 0.1;
    /** Default of {@link #minScore()}, calibrated on failbench (see docs/benchmarks.md). */
    public static final double DEFAULT_MIN_SCORE = 2.3;
    /** Default of {@link #minPatternSimilarity()}, calibrated for all-MiniLM-L6-v2. */
    public static final double DEFAULT_MIN_PATTERN_SIMILARITY = 0.7;

    /** How many of the best candidates vote for their fix kind. */
    public static final int CONSENSUS_DEPTH = 20;

    /**
     * Checks the components.
     *
     * @param embeddedText which text of a failure is embedded; default {@link EmbeddedText#SIGNATURE}
     * @param hybrid also rank by PostgreSQL full-text search over the error text; default true
     * @param fixLineMatching boost past failures whose fix changed a line shaped like one in the probe's code; default
     *     true
     * @param candidates candidates taken from each index, 10..1000; default {@value #DEFAULT_CANDIDATES}
     * @param rrfK the reciprocal-rank constant, at least 1; default {@value #DEFAULT_RRF_K}
     * @param fixLineWeight the bonus for a matching fixed line, at least 0; default {@value #DEFAULT_FIX_LINE_WEIGHT}
     * @param consensusWeight the bonus for the share of votes of a candidate's fix kind among the best
     *     {@value #CONSENSUS_DEPTH}, at least 0; default {@value #DEFAULT_CONSENSUS_WEIGHT}
     * @param diversityPenalty subtracted once per better-ranked result with the same kind of fix, at least 0; default
     *     {@value #DEFAULT_DIVERSITY_PENALTY}
     * @param nearEqual scores within this fraction of the best score count as equal for the verified/useful
     *     tie-break, 0..0.5; default {@value #DEFAULT_NEAR_EQUAL}
     * @param sameRepositoryWeight the bonus for a failure of the query's preferred repository, at least 0; default
     *     {@value #DEFAULT_SAME_REPOSITORY_WEIGHT}
     * @param sameLanguageWeight the bonus for a failure in the probe's language, at least 0; default
     *     {@value #DEFAULT_SAME_LANGUAGE_WEIGHT}
     * @param minScore the least score, in units of a first rank, of a match {@code findSimilar} hands out: the list
     *     stops at the first match below it, so that the memory says nothing rather than something probably wrong; 0
     *     shows every match; default {@value #DEFAULT_MIN_SCORE} (shown precision of 82% at 56% coverage on both halves
     *     of failbench, see docs/benchmarks.md)
     * @param minPatternSimilarity the least cosine similarity of a success pattern {@code findPatterns} hands out,
     *     0..1;
     *     default {@value #DEFAULT_MIN_PATTERN_SIMILARITY}, calibrated for all-MiniLM-L6-v2 (another model spreads its
     *     similarities differently and needs its own)
     */
    public RetrievalSettings {
        Objects.requireNonNull(embeddedText, "embeddedText");
        if (candidates < 10 || candidates > 1000) {
            throw new IllegalArgumentException("candidates must be in 10..1000, was " + candidates);
        }
        if (rrfK < 1) {
            throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
        }
        requireNonNegative("fixLineWeight", fixLineWeight);
        requireNonNegative("consensusWeight", consensusWeight);
        requireNonNegative("diversityPenalty", diversityPenalty);
        requireNonNegative("sameRepositoryWeight", sameRepositoryWeight);
        requireNonNegative("sameLanguageWeight", sameLanguageWeight);
        requireNonNegative("minScore", minScore);
        if (!(minPatternSimilarity >= 0 && minPatternSimilarity <= 1)) {
            throw new IllegalArgumentException("minPatternSimilarity must be in 0..1, was " + minPatternSimilarity);
        }
        if (!(nearEqual >= 0 && nearEqual <= 0.5)) {
            throw new IllegalArgumentException("nearEqual must be in 0..0.5, was " + nearEqual);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** {@return the measured best (see docs/benchmarks.md)} */
    public static RetrievalSettings ofDefaults() {
        return new RetrievalSettings(
                EmbeddedText.SIGNATURE,
                true,
                true,
                DEFAULT_CANDIDATES,
                DEFAULT_RRF_K,
                DEFAULT_FIX_LINE_WEIGHT,
                DEFAULT_CONSENSUS_WEIGHT,
                DEFAULT_DIVERSITY_PENALTY,
                DEFAULT_NEAR_EQUAL,
                DEFAULT_SAME_REPOSITORY_WEIGHT,
                DEFAULT_SAME_LANGUAGE_WEIGHT,
                DEFAULT_MIN_SCORE,
                DEFAULT_MIN_PATTERN_SIMILARITY);
    }

    /**
     * Vector similarity alone: no full-text, no fixed lines, no consensus, no diversity.
     *
     * @param text which text of a failure is embedded
     * @return the settings
     */
    public static RetrievalSettings vectorOnly(EmbeddedText text) {
        return ofDefaults()
                .withEmbeddedText(text)
                .withHybrid(false)
                .withFixLineMatching(false)
                .withConsensusWeight(0)
                .withDiversityPenalty(0);
    }

    /**
     * {@return a copy embedding another text of a failure}
     *
     * @param value which text
     */
    public RetrievalSettings withEmbeddedText(EmbeddedText value) {
        return new RetrievalSettings(
                value,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with full-text ranking on or off}
     *
     * @param value true to also rank by PostgreSQL full-text search
     */
    public RetrievalSettings withHybrid(boolean value) {
        return new RetrievalSettings(
                embeddedText,
                value,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with fixed-line matching on or off}
     *
     * @param value true to boost failures whose fix changed a line like one in the probe's code
     */
    public RetrievalSettings withFixLineMatching(boolean value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                value,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another bonus for a matching fixed line}
     *
     * @param value at least 0
     */
    public RetrievalSettings withFixLineWeight(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                value,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another consensus bonus}
     *
     * @param value at least 0
     */
    public RetrievalSettings withConsensusWeight(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                value,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another diversity penalty}
     *
     * @param value at least 0
     */
    public RetrievalSettings withDiversityPenalty(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                value,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another reciprocal-rank constant}
     *
     * @param value at least 1
     */
    public RetrievalSettings withRrfK(int value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                value,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another bonus for the preferred repository}
     *
     * @param value at least 0
     */
    public RetrievalSettings withSameRepositoryWeight(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                value,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another bonus for the probe's language}
     *
     * @param value at least 0
     */
    public RetrievalSettings withSameLanguageWeight(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                value,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy taking another number of candidates from each index}
     *
     * @param value 10..1000
     */
    public RetrievalSettings withCandidates(int value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                value,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another least score of a match handed out}
     *
     * @param value at least 0; 0 shows every match
     */
    public RetrievalSettings withMinScore(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                value,
                minPatternSimilarity);
    }

    /**
     * {@return a copy with another least similarity of a success pattern}
     *
     * @param value 0..1
     */
    public RetrievalSettings withMinPatternSimilarity(double value) {
        return new RetrievalSettings(
                embeddedText,
                hybrid,
                fixLineMatching,
                candidates,
                rrfK,
                fixLineWeight,
                consensusWeight,
                diversityPenalty,
                nearEqual,
                sameRepositoryWeight,
                sameLanguageWeight,
                minScore,
                value);
    }

    /** {@return these settings with nothing held back: every ranked match and pattern is handed out} */
    public RetrievalSettings showingEverything() {
        return withMinScore(0).withMinPatternSimilarity(0);
    }
}
