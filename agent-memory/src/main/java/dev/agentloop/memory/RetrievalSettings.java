package dev.agentloop.memory;

import java.util.Objects;

/**
 * How {@code findSimilar} ranks past failures. Candidates come from the vector index, the full-text index (when
 * {@code hybrid}) and past fixes whose removed lines look like lines of the probe's code (when {@code
 * fixLineMatching}); they are fused by reciprocal rank ({@code 1/(rrfK + rank)} per list) plus a bonus for a matching
 * fixed line. Among candidates whose scores are within {@code nearEqual} of each other, verified and useful fixes
 * come first.
 *
 * @param embeddedText which text of a failure is embedded; default {@link EmbeddedText#SIGNATURE_AND_ERRORS}
 * @param hybrid also rank by PostgreSQL full-text search over the error text; default true
 * @param fixLineMatching boost past failures whose fix changed a line shaped like one in the probe's code; default
 *     true
 * @param candidates candidates taken from each index, 10..1000; default {@value #DEFAULT_CANDIDATES}
 * @param rrfK the reciprocal-rank constant, at least 1; default {@value #DEFAULT_RRF_K}
 * @param fixLineWeight the bonus for a matching fixed line, in units of a first rank ({@code 1/(rrfK+1)}); default
 *     {@value #DEFAULT_FIX_LINE_WEIGHT}
 * @param nearEqual scores within this fraction of the best score count as equal for the verified/useful
 *     tie-break, 0..0.5; default {@value #DEFAULT_NEAR_EQUAL}
 */
public record RetrievalSettings(
        EmbeddedText embeddedText,
        boolean hybrid,
        boolean fixLineMatching,
        int candidates,
        int rrfK,
        double fixLineWeight,
        double nearEqual) {

    public static final int DEFAULT_CANDIDATES = 100;
    public static final int DEFAULT_RRF_K = 60;
    public static final double DEFAULT_FIX_LINE_WEIGHT = 1.0;
    public static final double DEFAULT_NEAR_EQUAL = 0.002;

    public RetrievalSettings {
        Objects.requireNonNull(embeddedText, "embeddedText");
        if (candidates < 10 || candidates > 1000) {
            throw new IllegalArgumentException("candidates must be in 10..1000, was " + candidates);
        }
        if (rrfK < 1) {
            throw new IllegalArgumentException("rrfK must be >= 1, was " + rrfK);
        }
        if (!(fixLineWeight >= 0)) {
            throw new IllegalArgumentException("fixLineWeight must be >= 0, was " + fixLineWeight);
        }
        if (!(nearEqual >= 0 && nearEqual <= 0.5)) {
            throw new IllegalArgumentException("nearEqual must be in 0..0.5, was " + nearEqual);
        }
    }

    /** The measured best: hybrid, fixed-line matching, signature and error lines embedded. */
    public static RetrievalSettings ofDefaults() {
        return new RetrievalSettings(
                EmbeddedText.SIGNATURE_AND_ERRORS,
                true,
                true,
                DEFAULT_CANDIDATES,
                DEFAULT_RRF_K,
                DEFAULT_FIX_LINE_WEIGHT,
                DEFAULT_NEAR_EQUAL);
    }

    /** Vector similarity alone. */
    public static RetrievalSettings vectorOnly(EmbeddedText text) {
        return new RetrievalSettings(
                text, false, false, DEFAULT_CANDIDATES, DEFAULT_RRF_K, DEFAULT_FIX_LINE_WEIGHT, DEFAULT_NEAR_EQUAL);
    }

    public RetrievalSettings withEmbeddedText(EmbeddedText value) {
        return new RetrievalSettings(value, hybrid, fixLineMatching, candidates, rrfK, fixLineWeight, nearEqual);
    }

    public RetrievalSettings withHybrid(boolean value) {
        return new RetrievalSettings(embeddedText, value, fixLineMatching, candidates, rrfK, fixLineWeight, nearEqual);
    }

    public RetrievalSettings withFixLineMatching(boolean value) {
        return new RetrievalSettings(embeddedText, hybrid, value, candidates, rrfK, fixLineWeight, nearEqual);
    }

    public RetrievalSettings withFixLineWeight(double value) {
        return new RetrievalSettings(embeddedText, hybrid, fixLineMatching, candidates, rrfK, value, nearEqual);
    }

    public RetrievalSettings withRrfK(int value) {
        return new RetrievalSettings(
                embeddedText, hybrid, fixLineMatching, candidates, value, fixLineWeight, nearEqual);
    }
}
