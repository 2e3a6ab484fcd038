package dev.agentloop.memory.bench;

import java.util.Random;

/**
 * The words and fixed lines of synthetic failures, drawn the way real ones are: a few very common and a long tail
 * (Zipf, exponent 1), so that the full-text and fixed-line parts of a search meet, at a million rows, words and lines
 * that tens of thousands of rows share. Deterministic for a seed.
 */
final class SyntheticFailures {

    static final int VOCABULARY = 5000;
    static final int WORDS_PER_FAILURE = 12;
    static final int LINE_SHAPES = 2000;

    private final Random random;
    private final double[] wordCdf = cdf(VOCABULARY);
    private final double[] lineCdf = cdf(LINE_SHAPES);

    SyntheticFailures(long seed) {
        this.random = new Random(seed);
    }

    private static double[] cdf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private int draw(double[] cdf) {
        int i = java.util.Arrays.binarySearch(cdf, random.nextDouble());
        return Math.min(i < 0 ? -i - 1 : i, cdf.length - 1);
    }

    /** The words of one failure's error text, space-separated. */
    String words() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < WORDS_PER_FAILURE; i++) {
            s.append(i > 0 ? " " : "").append("word").append(draw(wordCdf));
        }
        return s.toString();
    }

    /** A line of code of shape {@code n}: {@code return x + y - x ...}, the operators spelling n in binary. */
    static String line(int n) {
        StringBuilder s = new StringBuilder("return x");
        for (int bit = 0; bit < 11; bit++) {
            s.append((n >> bit & 1) == 1 ? " + y" : " - z");
        }
        return s.toString();
    }

    /** One line of the common kinds, drawn by frequency. */
    String line() {
        return line(draw(lineCdf));
    }

    /** {@code n} lines of code, one per line. */
    String code(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("    ").append(line()).append('\n');
        }
        return s.toString();
    }

    Random random() {
        return random;
    }
}
