package dev.agentloop.core.internal.repomap;

/** Okapi BM25's two formulas, with the usual constants (k1 = 1.2, b = 0.75) and Lucene's non-negative IDF. */
final class Bm25 {

    static final double K1 = 1.2;
    static final double B = 0.75;

    private Bm25() {}

    /** Inverse document frequency of a term found in {@code df} of {@code n} documents. */
    static double idf(int n, int df) {
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    /** The saturated term frequency of a term {@code tf} times in a document of {@code length} terms. */
    static double tf(int tf, int length, double averageLength) {
        return tf(tf, norm(length, averageLength));
    }

    /** The part of {@link #tf(int, int, double)} that depends on the document only: its length normalisation. */
    static double norm(int length, double averageLength) {
        return K1 * (1 - B + B * length / Math.max(1e-9, averageLength));
    }

    /** The saturated term frequency of a term {@code tf} times in a document with this {@link #norm}. */
    static double tf(int tf, double norm) {
        return tf * (K1 + 1) / (tf + norm);
    }
}
